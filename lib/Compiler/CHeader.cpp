//===- CHeader.cpp - The C header of an ahead-of-time model -----*- C++ -*-===//
//
// Shape macros are defined once per leaf and output, `PREFIX_NAME_RANK`,
// `PREFIX_NAME_DIMi` and `PREFIX_NAME_SIZE`; derived buffers (gradients,
// tangents, cotangents) have the shape of the leaf or output they belong
// to, and their comments say which macros give it. Argument names are the
// buffer names with '.' as '_', made unique and kept clear of keywords.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Compiler/CHeader.h"

#include "adjoint/Compiler/Compiler.h"
#include "adjoint/Conversion/ArenaPlan.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <sstream>

using namespace adjoint;

/// C (C99 to C23) and C++ (to C++20) keywords, and NULL, which every
/// standard header may define.
static const std::set<std::string> &getReservedNames() {
  static const std::set<std::string> names = {
      "alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand",
      "bitor", "bool", "break", "case", "catch", "char", "char16_t",
      "char32_t", "class", "compl", "const", "const_cast", "constexpr",
      "continue", "decltype", "default", "delete", "do", "double",
      "dynamic_cast", "else", "enum", "explicit", "export", "extern",
      "false", "float", "for", "friend", "goto", "if", "inline", "int",
      "long", "mutable", "namespace", "new", "noexcept", "not", "not_eq",
      "nullptr", "operator", "or", "or_eq", "private", "protected",
      "public", "register", "reinterpret_cast", "restrict", "return",
      "short", "signed", "sizeof", "static", "static_assert",
      "static_cast", "struct", "switch", "template", "this",
      "thread_local", "throw", "true", "try", "typedef", "typeid",
      "typename", "union", "unsigned", "using", "virtual", "void",
      "volatile", "wchar_t", "while", "xor", "xor_eq", "_Bool",
      "_Complex", "_Imaginary",
      // C11 and C23.
      "_Alignas", "_Alignof", "_Atomic", "_BitInt", "_Generic", "_Noreturn",
      "_Static_assert", "_Thread_local", "typeof", "typeof_unqual",
      // C++20.
      "char8_t", "concept", "consteval", "constinit", "co_await",
      "co_return", "co_yield", "requires",
      // Macros and predefined names.
      "NULL", "_Pragma", "__func__"};
  return names;
}

bool adjoint::isValidCIdentifier(const std::string &name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0])))
    return false;
  for (char c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_')
      return false;
  return getReservedNames().count(name) == 0;
}

bool adjoint::isValidPrefix(const std::string &name) {
  return isValidCIdentifier(name) &&
         std::isalpha(static_cast<unsigned char>(name[0]));
}

std::string adjoint::getExportedName(const std::string &prefix,
                                     const std::string &entry) {
  return prefix + "_" + entry;
}

std::string adjoint::getWorkspaceEntry(const std::string &entry) {
  return entry + "_workspace";
}

std::string adjoint::getWorkspaceSizeEntry(const std::string &entry) {
  return getWorkspaceEntry(entry) + "_size";
}

/// `text` as the first lines of a C comment ("/* ..." then " * ..."),
/// wrapped at 78 columns, each line ending in a newline.
static std::string wrapComment(const std::string &text) {
  std::istringstream words(text);
  std::string result, line = "/*", word;
  while (words >> word) {
    if (line.size() + 1 + word.size() > 78) {
      result += line + "\n";
      line = " *";
    }
    line += " " + word;
  }
  return result + line + "\n";
}

namespace {
/// Builds the header text.
class HeaderWriter {
public:
  HeaderWriter(const graph::Graph &graph, const std::string &prefix)
      : graph(graph), prefix(prefix),
        scalar(graph.elementType == graph::ElementType::F32 ? "float"
                                                             : "double") {}

  std::string write(const std::vector<std::string> &entries,
                    const std::string &source);

private:
  void writeShapeMacros(const std::string &name, const graph::Shape &shape,
                        const char *kind);
  void writeEntry(const EntrySignature &signature);
  /// `RETURN NAME(parameters...);` and a blank line.
  void writePrototype(const std::string &returnAndName,
                      const std::vector<std::string> &parameters);
  /// The workspace variant of `entry`, whose own parameters are
  /// `parameters`, and its size function.
  void writeWorkspaceEntries(const std::string &entry,
                             const std::string &workspace,
                             std::vector<std::string> parameters);
  /// "x" for leaf x's buffers, "y" for output y's, by the buffer's name.
  std::string getShapeOwner(const std::string &bufferName) const;
  std::string describeEntry(const std::string &entry) const;

  const graph::Graph &graph;
  std::string prefix;
  const char *scalar;
  std::ostringstream os;
};
} // namespace

void HeaderWriter::writeShapeMacros(const std::string &name,
                                    const graph::Shape &shape,
                                    const char *kind) {
  std::string macro = prefix + "_" + name;
  os << "/* " << name << ": " << kind << ", "
     << (graph.elementType == graph::ElementType::F32 ? "f32" : "f64")
     << graph::formatShape(shape) << " */\n";
  os << "#define " << macro << "_RANK " << shape.size() << "\n";
  for (size_t i = 0; i < shape.size(); ++i)
    os << "#define " << macro << "_DIM" << i << " " << shape[i] << "\n";
  os << "#define " << macro << "_SIZE " << graph::numElements(shape)
     << "\n\n";
}

std::string HeaderWriter::getShapeOwner(const std::string &bufferName) const {
  for (const char *suffix : {".grad", ".tangent", ".cotangent"}) {
    std::string text(suffix);
    if (bufferName.size() > text.size() &&
        bufferName.compare(bufferName.size() - text.size(), text.size(),
                           text) == 0)
      return bufferName.substr(0, bufferName.size() - text.size());
  }
  return bufferName;
}

std::string HeaderWriter::describeEntry(const std::string &entry) const {
  if (entry == "forward")
    return "the outputs";
  if (entry == "grad")
    return "the loss (the first output), then the gradient of the loss "
           "with respect to each param";
  if (entry == "vjp")
    return "the vector-Jacobian product: given one cotangent per output, "
           "the gradient of <cotangents, outputs> with respect to each "
           "param";
  if (entry == "jvp")
    return "the Jacobian-vector product: given one tangent per param, the "
           "outputs, then the tangent of each output";
  return "the Hessian-vector product: given one vector per param, the "
         "Hessian of the loss (the first output) times that vector, per "
         "param";
}

void HeaderWriter::writeEntry(const EntrySignature &signature) {
  std::string name = getExportedName(prefix, signature.entry);
  std::set<std::string> used;
  auto argumentName = [&](const std::string &bufferName) {
    std::string text = bufferName;
    std::replace(text.begin(), text.end(), '.', '_');
    // Keywords, and names reserved to the implementation (`__LINE__`,
    // `_Atomic`, ...), which may be keywords or macros.
    bool implementation =
        text.size() > 1 && text[0] == '_' &&
        (text[1] == '_' || std::isupper(static_cast<unsigned char>(text[1])));
    if (getReservedNames().count(text) || implementation)
      text += "_";
    std::string unique = text;
    for (int n = 2; used.count(unique); ++n)
      unique = text + "_" + std::to_string(n);
    used.insert(unique);
    return unique;
  };
  std::vector<std::string> parameters;
  os << wrapComment(name + ": " + describeEntry(signature.entry) + ".");
  auto describe = [&](const BufferSpec &buffer, bool result) {
    std::string argument = argumentName(buffer.name);
    os << " *   " << argument << ": " << (result ? "out " : "in  ")
       << (graph.elementType == graph::ElementType::F32 ? "f32" : "f64")
       << graph::formatShape(buffer.shape) << ", " << prefix << "_"
       << getShapeOwner(buffer.name) << "_SIZE elements (" << buffer.name
       << ")\n";
    parameters.push_back(std::string(result ? "" : "const ") + scalar + " *" +
                         argument);
  };
  for (const BufferSpec &buffer : signature.arguments)
    describe(buffer, false);
  for (const BufferSpec &buffer : signature.results)
    describe(buffer, true);
  os << " * Buffers are contiguous and row-major. Returns 0, or nonzero if "
        "memory\n * could not be obtained. Reentrant and thread-safe. */\n";
  writePrototype("int " + name, parameters);
  writeWorkspaceEntries(signature.entry, argumentName("workspace"),
                        parameters);
}

void HeaderWriter::writePrototype(const std::string &returnAndName,
                                  const std::vector<std::string> &parameters) {
  os << returnAndName << "(";
  for (size_t i = 0; i < parameters.size(); ++i)
    os << (i ? ",\n    " : "\n    ") << parameters[i];
  os << ");\n\n";
}

void HeaderWriter::writeWorkspaceEntries(const std::string &entry,
                                         const std::string &workspace,
                                         std::vector<std::string> parameters) {
  std::string name = getExportedName(prefix, entry);
  std::string variant = getExportedName(prefix, getWorkspaceEntry(entry));
  std::string sizeName = getExportedName(prefix, getWorkspaceSizeEntry(entry));
  os << wrapComment(sizeName + ": the bytes of workspace " + variant +
                    " needs (0 if none).") +
            " */\n"
     << "size_t " << sizeName << "(void);\n\n";
  os << wrapComment(
            variant + ": " + name + ", with its temporaries in `" + workspace +
            "` instead of memory from malloc: it allocates nothing. `" +
            workspace + "` must hold " + sizeName + "() bytes aligned to " +
            prefix + "_WORKSPACE_ALIGNMENT; what it holds before the call " +
            "does not matter, and after it is unspecified. It may be NULL " +
            "when the size is 0; when it is NULL otherwise, returns " +
            "nonzero. Calls running at the same time need workspaces of " +
            "their own.") +
            " */\n";
  parameters.push_back("void *" + workspace);
  writePrototype("int " + variant, parameters);
}

std::string HeaderWriter::write(const std::vector<std::string> &entries,
                                const std::string &source) {
  std::string guard = "ADJOINT_MODEL_" + prefix + "_H";
  std::transform(guard.begin(), guard.end(), guard.begin(),
                 [](unsigned char c) { return std::toupper(c); });
  os << "/* " << prefix << ".h: the C interface of model `" << graph.name
     << "` (" << source << "),\n"
     << " * compiled ahead of time by adjoint. Generated; do not edit. */\n"
     << "#ifndef " << guard << "\n#define " << guard << "\n\n"
     << "#include <stddef.h>\n\n"
     << "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n"
     << "/* The alignment, in bytes, of the workspace an entry point's\n"
     << " * _workspace variant takes. */\n"
     << "#define " << prefix << "_WORKSPACE_ALIGNMENT " << kArenaAlignment
     << "\n\n";

  std::set<std::string> defined;
  auto define = [&](graph::NodeId id, const std::string &name,
                    const char *kind) {
    if (defined.insert(name).second)
      writeShapeMacros(name, graph.node(id).shape, kind);
  };
  for (graph::NodeId id : graph.inputs)
    define(id, graph.node(id).name, "input");
  for (graph::NodeId id : graph.params)
    define(id, graph.node(id).name, "param");
  for (size_t i = 0; i < graph.outputs.size(); ++i)
    define(graph.outputs[i], graph.outputNames[i], "output");

  for (const std::string &entry : entries)
    writeEntry(*getEntrySignature(graph, entry));
  os << "#ifdef __cplusplus\n} /* extern \"C\" */\n#endif\n\n#endif /* "
     << guard << " */\n";
  return os.str();
}

std::string adjoint::generateCHeader(const graph::Graph &graph,
                                     const std::vector<std::string> &entries,
                                     const std::string &prefix,
                                     const std::string &source) {
  return HeaderWriter(graph, prefix).write(entries, source);
}
