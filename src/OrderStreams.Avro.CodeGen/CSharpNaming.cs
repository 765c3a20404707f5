using System.Text;
using OrderStreams.Avro.Schemas;

namespace OrderStreams.Avro.CodeGen;

/// <summary>
/// Maps Avro names to C#: namespaces under a root (<c>com.orderstreams.events</c> with prefix <c>com.orderstreams</c>
/// and root <c>OrderStreams.Contracts</c> gives <c>OrderStreams.Contracts.Events</c>), PascalCase members and symbols.
/// </summary>
internal sealed class CSharpNaming(string rootNamespace, string stripPrefix)
{
    public string RootNamespace { get; } = rootNamespace;

    public string NamespaceOf(NamedSchema schema)
    {
        var ns = schema.Namespace ?? "";
        if (ns == stripPrefix)
            ns = "";
        else if (stripPrefix.Length > 0 && ns.StartsWith(stripPrefix + ".", StringComparison.Ordinal))
            ns = ns[(stripPrefix.Length + 1)..];
        var parts = ns.Split('.', StringSplitOptions.RemoveEmptyEntries).Select(Pascal);
        return string.Join('.', new[] { RootNamespace }.Concat(parts));
    }

    /// <summary>The globally qualified C# type name of a record, enum or fixed.</summary>
    public string TypeName(NamedSchema schema) => $"global::{NamespaceOf(schema)}.{Pascal(schema.Name)}";

    /// <summary><c>amountCents</c> → <c>AmountCents</c>, <c>AMOUNT_MISMATCH</c> → <c>AmountMismatch</c>.</summary>
    public static string Pascal(string name)
    {
        if (!name.Contains('_') && name.Any(char.IsLower))
            return char.ToUpperInvariant(name[0]) + name[1..];
        var result = new StringBuilder(name.Length);
        foreach (var part in name.Split('_', StringSplitOptions.RemoveEmptyEntries))
            result.Append(char.ToUpperInvariant(part[0])).Append(part[1..].ToLowerInvariant());
        return result.Length == 0 ? "_" : result.ToString();
    }

    /// <summary>A C# string literal (verbatim, so any schema text survives).</summary>
    public static string Literal(string value) => "@\"" + value.Replace("\"", "\"\"") + "\"";
}
