//===- SanitizerDefaults.cpp - Options of the sanitizer build ---*- C++ -*-===//
//
// Linked into every executable of an ADJOINT_SANITIZE build (see
// Sanitize.cmake), so that each one, however it is started (CTest, lit, by
// hand, during GoogleTest's test discovery), fails loudly on a report:
// ASan, UBSan and LSan reports abort the process (SIGABRT, which lit's
// `not` counts as a failure, unlike the status 1 of a located error). The
// ASAN_OPTIONS, UBSAN_OPTIONS and LSAN_OPTIONS variables still override
// these. malloc returns null on a request too large, as glibc's does, so
// the driver's out-of-memory errors are tested as they run in production.
// LSan needs no suppressions: what LLVM and MLIR keep in globals until exit
// is still reachable then, and LSan reports only unreachable blocks.
//
//===----------------------------------------------------------------------===//

extern "C" {

const char *__asan_default_options() {
  return "abort_on_error=1:halt_on_error=1:allocator_may_return_null=1:"
         "detect_stack_use_after_return=1:strict_string_checks=1:"
         "check_initialization_order=1";
}

const char *__ubsan_default_options() {
  return "abort_on_error=1:halt_on_error=1:print_stacktrace=1";
}

const char *__lsan_default_options() { return "abort_on_error=1"; }

} // extern "C"
