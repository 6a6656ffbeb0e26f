# ADJOINT_SANITIZE=ON builds everything with AddressSanitizer and
# UndefinedBehaviorSanitizer, and with libFuzzer's coverage instrumentation
# so that the same tree also builds the fuzz targets of fuzz/. Clang only
# (configure with CMAKE_CXX_COMPILER=clang++-19); see docs/robustness.md.
option(ADJOINT_SANITIZE
  "Build with ASan+UBSan and build the libFuzzer targets (clang)" OFF)

if(ADJOINT_SANITIZE)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "ADJOINT_SANITIZE needs clang: configure with "
      "-DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19")
  endif()
  # vptr is left out: it needs RTTI, and adjoint follows LLVM in building
  # without it where LLVM does (the CMakeLists.txt at the top). Every
  # report is fatal, so a test that triggers one fails. Assertions are on
  # (-UNDEBUG), in adjoint and in the templates of LLVM's and MLIR's
  # headers it instantiates (cast<>, ...): a failed one is a bug too.
  set(ADJOINT_SANITIZERS address,undefined)
  add_compile_options(
    -fsanitize=${ADJOINT_SANITIZERS},fuzzer-no-link
    -fno-sanitize=vptr
    -fno-sanitize-recover=all
    -fno-omit-frame-pointer
    -gline-tables-only
    -UNDEBUG)
  add_link_options(-fsanitize=${ADJOINT_SANITIZERS} -fno-sanitize=vptr)
endif()

# Links SanitizerDefaults.cpp (the sanitizers' default options) into every
# executable defined in `dir` and below. Called once all targets exist.
function(adjoint_link_sanitizer_defaults dir)
  get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
  foreach(target ${targets})
    get_target_property(type ${target} TYPE)
    if(type STREQUAL "EXECUTABLE")
      target_link_libraries(${target} PRIVATE AdjointSanitizerDefaults)
    endif()
  endforeach()
  get_property(subdirs DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
  foreach(subdir ${subdirs})
    adjoint_link_sanitizer_defaults(${subdir})
  endforeach()
endfunction()

if(ADJOINT_SANITIZE)
  add_library(AdjointSanitizerDefaults OBJECT
    ${CMAKE_CURRENT_LIST_DIR}/SanitizerDefaults.cpp)
endif()
