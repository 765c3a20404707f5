namespace OrderStreams.EndToEnd.Tests.Platform;

/// <summary>A span as OTLP carries it (ids in hex; a root span has no parent).</summary>
internal sealed record ExportedSpan(string TraceId, string SpanId, string? ParentSpanId, string Name, int Kind, IReadOnlyList<string> LinkedSpanIds)
{
    public const int Consumer = 5;
    public const int Producer = 4;
}

/// <summary>
/// Reads the spans out of an OTLP <c>ExportTraceServiceRequest</c> (protobuf): resource_spans(1) → scope_spans(2) →
/// spans(2) with trace_id(1), span_id(2), parent_span_id(4), name(5), kind(6) and links(13: trace_id 1, span_id 2).
/// Only the protobuf wire format is needed, so no generated code.
/// </summary>
internal static class OtlpSpans
{
    public static IEnumerable<ExportedSpan> Decode(byte[] request)
    {
        var spans = new List<ExportedSpan>();
        foreach (var resourceSpans in Fields(request, 1))
        {
            foreach (var scopeSpans in Fields(resourceSpans, 2))
            {
                foreach (var span in Fields(scopeSpans, 2)) spans.Add(Span(span));
            }
        }
        return spans;
    }

    private static ExportedSpan Span(ReadOnlyMemory<byte> span)
    {
        string traceId = "", spanId = "", name = "";
        string? parent = null;
        var kind = 0;
        var links = new List<string>();
        foreach (var (number, value, varint) in Read(span))
        {
            switch (number)
            {
                case 1: traceId = Convert.ToHexStringLower(value.Span); break;
                case 2: spanId = Convert.ToHexStringLower(value.Span); break;
                case 4 when value.Length > 0: parent = Convert.ToHexStringLower(value.Span); break;
                case 5: name = System.Text.Encoding.UTF8.GetString(value.Span); break;
                case 6: kind = (int)varint; break;
                case 13: links.Add(Convert.ToHexStringLower(Fields(value, 2).First().Span)); break;
            }
        }
        return new ExportedSpan(traceId, spanId, parent, name, kind, links);
    }

    private static IEnumerable<ReadOnlyMemory<byte>> Fields(ReadOnlyMemory<byte> message, int number) =>
        Read(message).Where(f => f.Number == number).Select(f => f.Value);

    /// <summary>Every field of a message: its number, its bytes (length-delimited) and its value (varint).</summary>
    private static List<(int Number, ReadOnlyMemory<byte> Value, ulong Varint)> Read(ReadOnlyMemory<byte> message)
    {
        var fields = new List<(int, ReadOnlyMemory<byte>, ulong)>();
        var position = 0;
        while (position < message.Length)
        {
            var tag = Varint(message.Span, ref position);
            var number = (int)(tag >> 3);
            switch (tag & 7)
            {
                case 0:
                    fields.Add((number, ReadOnlyMemory<byte>.Empty, Varint(message.Span, ref position)));
                    break;
                case 1:
                    position += 8;
                    break;
                case 2:
                    var length = (int)Varint(message.Span, ref position);
                    fields.Add((number, message.Slice(position, length), 0));
                    position += length;
                    break;
                case 5:
                    position += 4;
                    break;
                default:
                    throw new InvalidDataException($"Wire type {tag & 7} of field {number} is not protobuf's.");
            }
        }
        return fields;
    }

    private static ulong Varint(ReadOnlySpan<byte> bytes, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[position++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80) return value;
        }
    }
}
