//===- adjoint.cpp - The adjoint driver -------------------------*- C++ -*-===//
//
// `adjoint COMMAND [options] MODEL`: dispatches to the subcommands in
// Commands.h. Every failure exits with status 1 after a message.
//
//===----------------------------------------------------------------------===//

#include "Commands.h"

#include "llvm/Support/InitLLVM.h"

#include <iostream>

using namespace adjoint;
using namespace adjoint::driver;

namespace {
struct Command {
  const CommandSpec &(*spec)();
  int (*run)(const ParsedArgs &);
};
} // namespace

static const Command kCommands[] = {
    {runCommandSpec, runCommand},
    {benchCommandSpec, benchCommand},
    {emitCommandSpec, emitCommand},
    {checkCommandSpec, checkCommand},
    {jacobianCommandSpec, jacobianCommand},
    {compileCommandSpec, compileCommand},
};

static void printUsage(std::ostream &os) {
  os << "Usage: adjoint COMMAND [options] MODEL\n\n"
     << "Compiles a model file (.adj) into native code for its value and "
        "derivatives.\n\nCommands:\n";
  for (const Command &command : kCommands) {
    const CommandSpec &spec = command.spec();
    os << "  " << spec.name << std::string(10 - spec.name.size(), ' ')
       << spec.summary.substr(0, spec.summary.find('.') + 1) << "\n";
  }
  os << "\nRun 'adjoint COMMAND --help' for a command's options.\n";
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  if (argc < 2) {
    printUsage(std::cerr);
    return 1;
  }
  std::string name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    printUsage(std::cout);
    return 0;
  }
  for (const Command &command : kCommands) {
    const CommandSpec &spec = command.spec();
    if (spec.name != name)
      continue;
    std::vector<std::string> args(argv + 2, argv + argc);
    ParsedArgs parsed;
    std::string error;
    if (!parseCommandLine(spec, args, parsed, error))
      return reportError(name, error + "\nRun 'adjoint " + name +
                                   " --help' for usage.");
    if (parsed.help) {
      std::cout << formatHelp("adjoint", spec);
      return 0;
    }
    return command.run(parsed);
  }
  std::cerr << "adjoint: error: unknown command '" << name << "'\n\n";
  printUsage(std::cerr);
  return 1;
}
