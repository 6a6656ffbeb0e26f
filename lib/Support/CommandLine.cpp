//===- CommandLine.cpp - Subcommand argument parsing ------------*- C++ -*-===//
//
// See CommandLine.h. Options are matched exactly by name; the first
// problem found is reported.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Support/CommandLine.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <sstream>

using namespace adjoint;

std::string ParsedArgs::get(const CommandSpec &spec,
                            const std::string &name) const {
  auto it = values.find(name);
  if (it != values.end())
    return it->second;
  for (const OptionSpec &option : spec.options)
    if (option.name == name)
      return option.defaultValue;
  return "";
}

static const OptionSpec *findOption(const CommandSpec &spec,
                                    const std::string &name) {
  for (const OptionSpec &option : spec.options)
    if (option.name == name)
      return &option;
  return nullptr;
}

static std::string joinChoices(const std::vector<std::string> &choices) {
  std::string result;
  for (const std::string &choice : choices)
    result += (result.empty() ? "" : ", ") + choice;
  return result;
}

bool adjoint::parseCommandLine(const CommandSpec &spec,
                               const std::vector<std::string> &args,
                               ParsedArgs &out, std::string &error) {
  out = ParsedArgs();
  for (const std::string &arg : args)
    if (arg == "--help" || arg == "-h") {
      out.help = true;
      return true;
    }
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string &arg = args[i];
    if (arg.rfind("--mlir-", 0) == 0) {
      out.mlirOptions.push_back(arg);
      continue;
    }
    if (arg.size() < 2 || arg[0] != '-' || arg == "--") {
      out.positionals.push_back(arg);
      continue;
    }
    std::string body = arg.substr(arg.rfind("--", 0) == 0 ? 2 : 1);
    std::optional<std::string> inlineValue;
    if (size_t eq = body.find('='); eq != std::string::npos) {
      inlineValue = body.substr(eq + 1);
      body = body.substr(0, eq);
    }
    const OptionSpec *option = findOption(spec, body);
    if (!option) {
      error = "unknown option '" + arg + "'";
      return false;
    }
    if (out.values.count(option->name)) {
      error = "option '--" + option->name + "' is given more than once";
      return false;
    }
    std::string value;
    if (option->valueName.empty()) {
      if (inlineValue) {
        error = "option '--" + option->name + "' takes no value";
        return false;
      }
    } else if (inlineValue) {
      value = *inlineValue;
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      error = "option '--" + option->name + "' needs a value (" +
              option->valueName + ")";
      return false;
    }
    if (!option->choices.empty() &&
        std::find(option->choices.begin(), option->choices.end(), value) ==
            option->choices.end()) {
      error = "'" + value + "' is not a valid value for '--" + option->name +
              "' (choose from: " + joinChoices(option->choices) + ")";
      return false;
    }
    out.values[option->name] = value;
  }
  if (out.positionals.size() != spec.positionals.size()) {
    std::string names;
    for (const std::string &name : spec.positionals)
      names += (names.empty() ? "" : " ") + name;
    error = out.positionals.size() < spec.positionals.size()
                ? "missing argument: expected " + names
                : "unexpected argument '" +
                      out.positionals[spec.positionals.size()] + "'";
    return false;
  }
  return true;
}

std::string adjoint::formatHelp(const std::string &tool,
                                const CommandSpec &spec) {
  std::ostringstream os;
  os << "Usage: " << tool << " " << spec.name;
  for (const std::string &name : spec.positionals)
    os << " " << name;
  os << " [options]\n\n" << spec.summary << "\n\nOptions:\n";
  for (const OptionSpec &option : spec.options) {
    std::string left = "--" + option.name;
    if (!option.valueName.empty())
      left += " " + option.valueName;
    os << "  " << left;
    os << std::string(left.size() < 24 ? 24 - left.size() : 1, ' ')
       << option.help;
    if (!option.choices.empty())
      os << " (" << joinChoices(option.choices) << ")";
    if (!option.defaultValue.empty())
      os << " [default: " << option.defaultValue << "]";
    os << "\n";
  }
  os << "  --help                  Show this help\n"
     << "  --mlir-...              MLIR's own options, e.g. "
        "--mlir-print-ir-after-all, --mlir-timing\n";
  return os.str();
}

std::optional<uint64_t> adjoint::parseUnsigned(const std::string &text) {
  if (text.empty())
    return std::nullopt;
  uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9')
      return std::nullopt;
    uint64_t digit = static_cast<uint64_t>(c - '0');
    if (value > (UINT64_MAX - digit) / 10)
      return std::nullopt;
    value = value * 10 + digit;
  }
  return value;
}

std::optional<double> adjoint::parsePositiveNumber(const std::string &text) {
  if (text.empty() || std::isspace(static_cast<unsigned char>(text[0])))
    return std::nullopt;
  char *end = nullptr;
  double value = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !std::isfinite(value) ||
      value <= 0)
    return std::nullopt;
  return value;
}
