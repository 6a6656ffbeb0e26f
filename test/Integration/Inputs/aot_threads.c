/* aot_threads.c: calls one ahead-of-time entry point from 8 threads at
 * once (test/Integration/aot-threads.test). Each thread has its own inputs
 * and results; every result of every call must be bitwise equal to the
 * result of the same inputs computed first, single-threaded.
 *
 * Built against one of two headers, chosen by a macro:
 *   -DUSE_CURVE  curve_grad (examples/curve.adj): tiny, many calls, so the
 *                calls overlap in every phase (malloc, compute, free)
 *   -DUSE_MLP    mlp_grad (examples/mlp.adj): large temporaries, few calls
 * Prints `ok: ...` or `FAIL ...` lines; exits 1 on a failure. */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(USE_CURVE)
#include "curve.h"
#define MODEL "curve_grad"
#define ITERATIONS 2000
#define NIN 4
#define NOUT 3
static const size_t in_sizes[NIN] = {curve_t_SIZE, curve_obs_SIZE,
                                     curve_r_SIZE, curve_w_SIZE};
static const size_t out_sizes[NOUT] = {curve_loss_SIZE, curve_r_SIZE,
                                       curve_w_SIZE};
static int call(float *const *in, float *const *out) {
  return curve_grad(in[0], in[1], in[2], in[3], out[0], out[1], out[2]);
}
#elif defined(USE_MLP)
#include "mlp.h"
#define MODEL "mlp_grad"
#define ITERATIONS 4
#define NIN 6
#define NOUT 5
static const size_t in_sizes[NIN] = {mlp_x_SIZE,  mlp_y_SIZE,  mlp_W1_SIZE,
                                     mlp_b1_SIZE, mlp_W2_SIZE, mlp_b2_SIZE};
static const size_t out_sizes[NOUT] = {mlp_loss_SIZE, mlp_W1_SIZE,
                                       mlp_b1_SIZE, mlp_W2_SIZE, mlp_b2_SIZE};
static int call(float *const *in, float *const *out) {
  return mlp_grad(in[0], in[1], in[2], in[3], in[4], in[5], out[0], out[1],
                  out[2], out[3], out[4]);
}
#else
#error "define USE_CURVE or USE_MLP"
#endif

#define THREADS 8

struct job {
  int id;
  float *in[NIN];
  float *out[NOUT];
  float *expected[NOUT];
  long calls, failures, mismatches;
};

static pthread_barrier_t start;

static float *allocate(size_t n) {
  float *p = (float *)malloc(n * sizeof(float));
  if (!p) {
    printf("FAIL out of memory in the test itself\n");
    exit(1);
  }
  return p;
}

/* Values in [-1, 1) from a per-thread linear congruential generator. */
static void fill(float *p, size_t n, unsigned long *state) {
  size_t i;
  for (i = 0; i < n; ++i) {
    *state = *state * 6364136223846793005UL + 1442695040888963407UL;
    p[i] = (float)((double)(*state >> 11) / 4503599627370496.0) - 0.5f;
    p[i] *= 2.0f;
  }
}

static void poison(struct job *job) {
  int k;
  size_t i;
  for (k = 0; k < NOUT; ++k)
    for (i = 0; i < out_sizes[k]; ++i)
      job->out[k][i] = NAN;
}

static void *worker(void *arg) {
  struct job *job = (struct job *)arg;
  int n, k;
  pthread_barrier_wait(&start);
  for (n = 0; n < ITERATIONS; ++n) {
    poison(job);
    ++job->calls;
    if (call(job->in, job->out) != 0) {
      ++job->failures;
      continue;
    }
    for (k = 0; k < NOUT; ++k)
      if (memcmp(job->out[k], job->expected[k],
                 out_sizes[k] * sizeof(float)) != 0) {
        ++job->mismatches;
        break;
      }
  }
  return NULL;
}

int main(void) {
  static struct job jobs[THREADS];
  pthread_t threads[THREADS];
  int t, k, failed = 0;
  long calls = 0;

  /* Inputs, then the single-threaded results. */
  for (t = 0; t < THREADS; ++t) {
    unsigned long state = 12345UL + 1000UL * (unsigned long)t;
    jobs[t].id = t;
    for (k = 0; k < NIN; ++k) {
      jobs[t].in[k] = allocate(in_sizes[k]);
      fill(jobs[t].in[k], in_sizes[k], &state);
    }
    for (k = 0; k < NOUT; ++k) {
      jobs[t].out[k] = allocate(out_sizes[k]);
      jobs[t].expected[k] = allocate(out_sizes[k]);
    }
    if (call(jobs[t].in, jobs[t].expected) != 0) {
      printf("FAIL %s returned nonzero single-threaded\n", MODEL);
      return 1;
    }
  }
  /* Different inputs must give different results, or the test would not
   * notice threads swapping them. */
  if (memcmp(jobs[0].expected[0], jobs[1].expected[0],
             out_sizes[0] * sizeof(float)) == 0) {
    printf("FAIL threads 0 and 1 have the same expected loss\n");
    return 1;
  }

  if (pthread_barrier_init(&start, NULL, THREADS) != 0) {
    printf("FAIL pthread_barrier_init\n");
    return 1;
  }
  for (t = 0; t < THREADS; ++t)
    if (pthread_create(&threads[t], NULL, worker, &jobs[t]) != 0) {
      printf("FAIL pthread_create\n");
      return 1;
    }
  for (t = 0; t < THREADS; ++t)
    pthread_join(threads[t], NULL);
  pthread_barrier_destroy(&start);

  for (t = 0; t < THREADS; ++t) {
    calls += jobs[t].calls;
    if (jobs[t].failures || jobs[t].mismatches) {
      printf("FAIL thread %d: %ld of %ld calls returned nonzero, %ld gave "
             "results different from the single-threaded ones\n",
             t, jobs[t].failures, jobs[t].calls, jobs[t].mismatches);
      failed = 1;
    }
  }
  if (!failed)
    printf("ok: %s, %d threads, %ld calls, all bitwise equal to the "
           "single-threaded results\n", MODEL, THREADS, calls);
  for (t = 0; t < THREADS; ++t) {
    for (k = 0; k < NIN; ++k)
      free(jobs[t].in[k]);
    for (k = 0; k < NOUT; ++k) {
      free(jobs[t].out[k]);
      free(jobs[t].expected[k]);
    }
  }
  return failed;
}
