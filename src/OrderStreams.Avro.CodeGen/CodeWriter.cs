using System.Text;

namespace OrderStreams.Avro.CodeGen;

/// <summary>Builds indented C# source line by line.</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    public CodeWriter Line(string line = "")
    {
        if (line.Length > 0)
            _text.Append(' ', _indent * 4).Append(line);
        _text.Append('\n');
        return this;
    }

    public CodeWriter Open(string line)
    {
        Line(line).Line("{");
        _indent++;
        return this;
    }

    public CodeWriter Close(string closing = "}")
    {
        _indent--;
        return Line(closing);
    }

    /// <summary>Writes an XML doc summary, escaped, when there is documentation.</summary>
    public CodeWriter Summary(string? doc)
    {
        if (string.IsNullOrWhiteSpace(doc))
            return this;
        var escaped = doc.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
        Line("/// <summary>");
        foreach (var part in escaped.Split('\n'))
            Line("/// " + part.Trim());
        return Line("/// </summary>");
    }

    public override string ToString() => _text.ToString();
}
