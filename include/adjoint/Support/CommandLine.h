//===- CommandLine.h - Subcommand argument parsing --------------*- C++ -*-===//
//
// A small, strict parser for `adjoint COMMAND [options] MODEL`: declared
// options only (`--name VALUE` or `--name=VALUE`), value choices checked,
// `--help`, and `--mlir-*` options collected for MLIR's own parser. Errors
// are sentences for people; nothing here exits or prints.
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_SUPPORT_COMMANDLINE_H
#define ADJOINT_SUPPORT_COMMANDLINE_H

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace adjoint {

struct OptionSpec {
  /// Without dashes: "entry".
  std::string name;
  /// Shown in help ("DIR"); empty for a flag that takes no value.
  std::string valueName;
  std::string help;
  /// If non-empty, the only values accepted.
  std::vector<std::string> choices;
  /// Shown in help and returned by ParsedArgs::get when absent.
  std::string defaultValue;
};

struct CommandSpec {
  std::string name;
  std::string summary;
  /// Names of the positional arguments, all required ("MODEL").
  std::vector<std::string> positionals;
  std::vector<OptionSpec> options;
};

struct ParsedArgs {
  std::vector<std::string> positionals;
  /// Options given, by name; flags map to "".
  std::map<std::string, std::string> values;
  /// `--mlir-*` arguments, verbatim, for MLIR's command-line parser.
  std::vector<std::string> mlirOptions;
  bool help = false;

  bool has(const std::string &name) const { return values.count(name) != 0; }
  /// The value given, else the spec's default.
  std::string get(const CommandSpec &spec, const std::string &name) const;
};

/// Parses `args` (after the command name). Returns false with `error` set
/// ("unknown option '--foo'", "option '--entry' needs a value", "'sideways'
/// is not a valid value for '--entry' (choose from: forward)", "expected
/// one MODEL argument"). With `--help` anywhere, returns true with help set
/// and skips the other checks.
bool parseCommandLine(const CommandSpec &spec,
                      const std::vector<std::string> &args, ParsedArgs &out,
                      std::string &error);

/// Usage and option list of a command, for `--help`.
std::string formatHelp(const std::string &tool, const CommandSpec &spec);

/// Parses a whole finite number greater than zero ("1e-4", "0.5").
std::optional<double> parsePositiveNumber(const std::string &text);

/// Parses a whole non-negative decimal number that fits in uint64_t.
std::optional<uint64_t> parseUnsigned(const std::string &text);

} // namespace adjoint

#endif // ADJOINT_SUPPORT_COMMANDLINE_H
