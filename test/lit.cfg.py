# lit configuration for adjoint: every .adj, .mlir and .test file below
# test/ (not unit/) is a test; tools come from the build tree and LLVM 19.
import os

import lit.formats

config.name = "adjoint"
config.test_format = lit.formats.ShTest(not lit_config.isWindows)
config.suffixes = [".mlir", ".adj", ".test"]
config.excludes = ["unit", "Inputs", "lit.cfg.py", "CMakeLists.txt"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.adjoint_obj_root, "test")

config.environment["FILECHECK_OPTS"] = "-enable-var-scope"
path = os.path.pathsep.join(
    [config.adjoint_tools_dir, config.llvm_tools_dir,
     config.environment.get("PATH", os.environ.get("PATH", ""))])
config.environment["PATH"] = path
# The sanitizer build's tools carry their own defaults (abort on any
# report; cmake/SanitizerDefaults.cpp); these variables still override them.
for name in ["ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"]:
    if name in os.environ:
        config.environment[name] = os.environ[name]
# The random-graph property test takes its seed from here when it is set.
config.environment["ADJOINT_RANDOM_SEED"] = os.environ.get(
    "ADJOINT_RANDOM_SEED", "")

config.substitutions.append(("%python", config.python_executable))
config.substitutions.append(("%examples",
                             os.path.join(config.adjoint_src_root, "examples")))
config.substitutions.append(("%srcroot", config.adjoint_src_root))
# The build tree itself, and the tools that build programs against the
# generated C code (test/Integration/install-package.test, aot-*.test).
config.substitutions.append(("%objroot", config.adjoint_obj_root))
config.substitutions.append(("%cmake", config.cmake_command))
config.substitutions.append(("%cc", config.c_compiler))
config.substitutions.append(("%cxx", config.cxx_compiler))
