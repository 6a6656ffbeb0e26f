//===- CommandLineTest.cpp - Tests of the subcommand parser -----*- C++ -*-===//
//
// Every branch of parseCommandLine (inline and separate values, flags,
// choices, repeats, unknown options, positional counts, --help, --mlir-*
// passthrough), ParsedArgs::get defaults, formatHelp and parseUnsigned,
// on a spec shaped like `adjoint run`.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Support/CommandLine.h"

#include <gtest/gtest.h>

#include <cstdint>

using namespace adjoint;

namespace {

const CommandSpec &testSpec() {
  static const CommandSpec spec = {
      "run",
      "Runs MODEL.",
      {"MODEL"},
      {{"entry", "ENTRY", "The entry point", {"forward", "grad"}, "forward"},
       {"data", "DIR", "Read data from DIR", {}, ""},
       {"seed", "N", "The seed", {}, "0"},
       {"print", "", "Print every value", {}, ""}}};
  return spec;
}

/// Parses `args` with testSpec(); the result and error are in the fixture.
class CommandLineTest : public ::testing::Test {
protected:
  bool parse(const std::vector<std::string> &args) {
    error.clear();
    return parseCommandLine(testSpec(), args, parsed, error);
  }

  ParsedArgs parsed;
  std::string error;
};

TEST_F(CommandLineTest, PositionalOnly) {
  ASSERT_TRUE(parse({"model.adj"})) << error;
  EXPECT_EQ(parsed.positionals, std::vector<std::string>{"model.adj"});
  EXPECT_TRUE(parsed.values.empty());
  EXPECT_TRUE(parsed.mlirOptions.empty());
  EXPECT_FALSE(parsed.help);
}

TEST_F(CommandLineTest, InlineValue) {
  ASSERT_TRUE(parse({"--data=dir/x", "m.adj"})) << error;
  EXPECT_TRUE(parsed.has("data"));
  EXPECT_EQ(parsed.values.at("data"), "dir/x");
  EXPECT_EQ(parsed.positionals, std::vector<std::string>{"m.adj"});
}

TEST_F(CommandLineTest, InlineValueKeepsLaterEquals) {
  ASSERT_TRUE(parse({"--data=a=b", "m.adj"})) << error;
  EXPECT_EQ(parsed.values.at("data"), "a=b");
}

TEST_F(CommandLineTest, InlineEmptyValue) {
  ASSERT_TRUE(parse({"--data=", "m.adj"})) << error;
  EXPECT_TRUE(parsed.has("data"));
  EXPECT_EQ(parsed.values.at("data"), "");
}

TEST_F(CommandLineTest, SeparateValue) {
  ASSERT_TRUE(parse({"m.adj", "--seed", "42"})) << error;
  EXPECT_EQ(parsed.values.at("seed"), "42");
  EXPECT_EQ(parsed.positionals, std::vector<std::string>{"m.adj"});
}

TEST_F(CommandLineTest, SeparateValueMayLookLikeAnOption) {
  // The word after an option that takes a value is its value, whatever it
  // looks like.
  ASSERT_TRUE(parse({"--data", "--print", "m.adj"})) << error;
  EXPECT_EQ(parsed.values.at("data"), "--print");
  EXPECT_FALSE(parsed.has("print"));
}

TEST_F(CommandLineTest, Flag) {
  ASSERT_TRUE(parse({"--print", "m.adj"})) << error;
  EXPECT_TRUE(parsed.has("print"));
  EXPECT_EQ(parsed.values.at("print"), "");
  EXPECT_EQ(parsed.positionals, std::vector<std::string>{"m.adj"});
}

TEST_F(CommandLineTest, FlagDoesNotTakeTheNextWord) {
  ASSERT_TRUE(parse({"m.adj", "--print"})) << error;
  EXPECT_TRUE(parsed.has("print"));
  EXPECT_EQ(parsed.positionals, std::vector<std::string>{"m.adj"});
}

TEST_F(CommandLineTest, FlagWithInlineValueIsAnError) {
  EXPECT_FALSE(parse({"--print=yes", "m.adj"}));
  EXPECT_EQ(error, "option '--print' takes no value");
}

TEST_F(CommandLineTest, FlagWithEmptyInlineValueIsAnError) {
  EXPECT_FALSE(parse({"--print=", "m.adj"}));
  EXPECT_EQ(error, "option '--print' takes no value");
}

TEST_F(CommandLineTest, MissingValue) {
  EXPECT_FALSE(parse({"m.adj", "--data"}));
  EXPECT_EQ(error, "option '--data' needs a value (DIR)");
}

TEST_F(CommandLineTest, RepeatedOption) {
  EXPECT_FALSE(parse({"--seed", "1", "--seed=2", "m.adj"}));
  EXPECT_EQ(error, "option '--seed' is given more than once");
}

TEST_F(CommandLineTest, RepeatedFlag) {
  EXPECT_FALSE(parse({"--print", "m.adj", "--print"}));
  EXPECT_EQ(error, "option '--print' is given more than once");
}

TEST_F(CommandLineTest, ChoiceAccepted) {
  ASSERT_TRUE(parse({"--entry", "grad", "m.adj"})) << error;
  EXPECT_EQ(parsed.values.at("entry"), "grad");
  ASSERT_TRUE(parse({"--entry=forward", "m.adj"})) << error;
  EXPECT_EQ(parsed.values.at("entry"), "forward");
}

TEST_F(CommandLineTest, ChoiceRejected) {
  EXPECT_FALSE(parse({"--entry", "sideways", "m.adj"}));
  EXPECT_EQ(error, "'sideways' is not a valid value for '--entry' (choose "
                   "from: forward, grad)");
}

TEST_F(CommandLineTest, ChoicesAreCaseSensitive) {
  EXPECT_FALSE(parse({"--entry=Forward", "m.adj"}));
  EXPECT_EQ(error, "'Forward' is not a valid value for '--entry' (choose "
                   "from: forward, grad)");
}

TEST_F(CommandLineTest, EmptyValueIsNotAChoice) {
  EXPECT_FALSE(parse({"--entry=", "m.adj"}));
  EXPECT_EQ(error, "'' is not a valid value for '--entry' (choose from: "
                   "forward, grad)");
}

TEST_F(CommandLineTest, UnknownOption) {
  EXPECT_FALSE(parse({"--bogus", "m.adj"}));
  EXPECT_EQ(error, "unknown option '--bogus'");
}

TEST_F(CommandLineTest, UnknownOptionWithValueIsQuotedWhole) {
  EXPECT_FALSE(parse({"m.adj", "--bogus=1"}));
  EXPECT_EQ(error, "unknown option '--bogus=1'");
}

TEST_F(CommandLineTest, OptionNamesMatchExactly) {
  // No prefix matching: `--ent` is not `--entry`.
  EXPECT_FALSE(parse({"--ent", "grad", "m.adj"}));
  EXPECT_EQ(error, "unknown option '--ent'");
}

TEST_F(CommandLineTest, FirstProblemIsReported) {
  EXPECT_FALSE(parse({"--bogus", "--entry=sideways"}));
  EXPECT_EQ(error, "unknown option '--bogus'");
}

TEST_F(CommandLineTest, MissingPositional) {
  EXPECT_FALSE(parse({}));
  EXPECT_EQ(error, "missing argument: expected MODEL");
  EXPECT_FALSE(parse({"--print"}));
  EXPECT_EQ(error, "missing argument: expected MODEL");
}

TEST_F(CommandLineTest, MissingPositionalsAreAllNamed) {
  CommandSpec spec = testSpec();
  spec.positionals = {"MODEL", "OUT"};
  ParsedArgs out;
  EXPECT_FALSE(parseCommandLine(spec, {"m.adj"}, out, error));
  EXPECT_EQ(error, "missing argument: expected MODEL OUT");
}

TEST_F(CommandLineTest, TooManyPositionals) {
  EXPECT_FALSE(parse({"a.adj", "b.adj", "c.adj"}));
  EXPECT_EQ(error, "unexpected argument 'b.adj'");
}

TEST_F(CommandLineTest, SingleDashIsPositional) {
  ASSERT_TRUE(parse({"-"})) << error;
  EXPECT_EQ(parsed.positionals, std::vector<std::string>{"-"});
}

TEST_F(CommandLineTest, HelpShortCircuits) {
  // --help wins over unknown options, bad choices and missing positionals.
  ASSERT_TRUE(parse({"--bogus", "--entry=sideways", "--help"})) << error;
  EXPECT_TRUE(parsed.help);
  EXPECT_TRUE(error.empty());
  ASSERT_TRUE(parse({"--help"})) << error;
  EXPECT_TRUE(parsed.help);
  ASSERT_TRUE(parse({"a", "b", "-h"})) << error;
  EXPECT_TRUE(parsed.help);
}

TEST_F(CommandLineTest, ResultIsResetBetweenCalls) {
  ASSERT_TRUE(parse({"--help"}));
  ASSERT_TRUE(parse({"--print", "m.adj"})) << error;
  EXPECT_FALSE(parsed.help);
  ASSERT_TRUE(parse({"m.adj"})) << error;
  EXPECT_FALSE(parsed.has("print"));
  EXPECT_EQ(parsed.positionals.size(), 1u);
}

TEST_F(CommandLineTest, MlirOptionsPassThrough) {
  ASSERT_TRUE(parse({"--mlir-timing", "m.adj",
                     "--mlir-print-ir-after-all", "--mlir-elide-elementsattrs-if-larger=4"}))
      << error;
  EXPECT_EQ(parsed.mlirOptions,
            (std::vector<std::string>{"--mlir-timing",
                                      "--mlir-print-ir-after-all",
                                      "--mlir-elide-elementsattrs-if-larger=4"}));
  EXPECT_EQ(parsed.positionals, std::vector<std::string>{"m.adj"});
  EXPECT_TRUE(parsed.values.empty());
}

TEST_F(CommandLineTest, GetReturnsValueOrDefault) {
  ASSERT_TRUE(parse({"m.adj", "--seed=7"})) << error;
  EXPECT_EQ(parsed.get(testSpec(), "seed"), "7");
  EXPECT_EQ(parsed.get(testSpec(), "entry"), "forward");
  EXPECT_EQ(parsed.get(testSpec(), "data"), "");
  EXPECT_FALSE(parsed.has("data"));
  EXPECT_EQ(parsed.get(testSpec(), "print"), "");
  EXPECT_EQ(parsed.get(testSpec(), "no-such-option"), "");
}

TEST_F(CommandLineTest, GetPrefersAGivenEmptyValueToTheDefault) {
  ASSERT_TRUE(parse({"m.adj", "--seed="})) << error;
  EXPECT_EQ(parsed.get(testSpec(), "seed"), "");
}

TEST(FormatHelpTest, ListsEveryOption) {
  std::string help = formatHelp("adjoint", testSpec());
  EXPECT_EQ(help.rfind("Usage: adjoint run MODEL [options]\n\nRuns MODEL.\n\n"
                       "Options:\n",
                       0),
            0u)
      << help;
  EXPECT_NE(help.find("  --entry ENTRY           The entry point (forward, "
                      "grad) [default: forward]\n"),
            std::string::npos)
      << help;
  EXPECT_NE(help.find("  --data DIR              Read data from DIR\n"),
            std::string::npos)
      << help;
  EXPECT_NE(help.find("  --seed N                The seed [default: 0]\n"),
            std::string::npos)
      << help;
  EXPECT_NE(help.find("  --print                 Print every value\n"),
            std::string::npos)
      << help;
  EXPECT_NE(help.find("  --help                  Show this help\n"),
            std::string::npos)
      << help;
  EXPECT_NE(help.find("  --mlir-..."), std::string::npos) << help;
}

TEST(ParseUnsignedTest, Valid) {
  EXPECT_EQ(parseUnsigned("0"), 0u);
  EXPECT_EQ(parseUnsigned("7"), 7u);
  EXPECT_EQ(parseUnsigned("42"), 42u);
  EXPECT_EQ(parseUnsigned("007"), 7u);
  EXPECT_EQ(parseUnsigned("4294967296"), 4294967296u);
}

TEST(ParseUnsignedTest, Limits) {
  EXPECT_EQ(parseUnsigned("18446744073709551615"), UINT64_MAX);
  EXPECT_EQ(parseUnsigned("18446744073709551614"), UINT64_MAX - 1);
  EXPECT_EQ(parseUnsigned("1844674407370955161"), UINT64_MAX / 10);
}

TEST(ParseUnsignedTest, Overflow) {
  EXPECT_EQ(parseUnsigned("18446744073709551616"), std::nullopt);
  EXPECT_EQ(parseUnsigned("18446744073709551620"), std::nullopt);
  EXPECT_EQ(parseUnsigned("99999999999999999999"), std::nullopt);
  EXPECT_EQ(parseUnsigned("100000000000000000000"), std::nullopt);
  EXPECT_EQ(parseUnsigned("184467440737095516150"), std::nullopt);
}

TEST(ParseUnsignedTest, NotANumber) {
  EXPECT_EQ(parseUnsigned(""), std::nullopt);
  EXPECT_EQ(parseUnsigned("abc"), std::nullopt);
  EXPECT_EQ(parseUnsigned("12a"), std::nullopt);
  EXPECT_EQ(parseUnsigned("-1"), std::nullopt);
  EXPECT_EQ(parseUnsigned("+1"), std::nullopt);
  EXPECT_EQ(parseUnsigned(" 1"), std::nullopt);
  EXPECT_EQ(parseUnsigned("1 "), std::nullopt);
  EXPECT_EQ(parseUnsigned("1.0"), std::nullopt);
  EXPECT_EQ(parseUnsigned("1e3"), std::nullopt);
  EXPECT_EQ(parseUnsigned("0x10"), std::nullopt);
  EXPECT_EQ(parseUnsigned(std::string("1\0", 2)), std::nullopt);
}

} // namespace

TEST(ParseUnsignedTest, LeadingZerosBeyondTwentyCharacters) {
  EXPECT_EQ(adjoint::parseUnsigned("000000000000000000001"), 1u);
  EXPECT_FALSE(adjoint::parseUnsigned("18446744073709551616").has_value());
}

TEST(ParsePositiveNumberTest, AcceptsPositiveFiniteNumbersOnly) {
  EXPECT_EQ(adjoint::parsePositiveNumber("1e-4"), 1e-4);
  EXPECT_EQ(adjoint::parsePositiveNumber("0.5"), 0.5);
  EXPECT_FALSE(adjoint::parsePositiveNumber("0").has_value());
  EXPECT_FALSE(adjoint::parsePositiveNumber("-1").has_value());
  EXPECT_FALSE(adjoint::parsePositiveNumber("inf").has_value());
  EXPECT_FALSE(adjoint::parsePositiveNumber("1e-4x").has_value());
  EXPECT_FALSE(adjoint::parsePositiveNumber(" 1").has_value());
  EXPECT_FALSE(adjoint::parsePositiveNumber("").has_value());
}
