using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using OrderStreams.Avro.Generic;
using OrderStreams.Avro.Json;
using OrderStreams.Avro.Schemas;
using OrderStreams.Operations.DeadLetters;
using OrderStreams.Operations.Trace;

namespace OrderStreams.Cli.Commands;

/// <summary>How the CLI shows decoded events: a one-line summary for tables, the Avro JSON encoding for <c>--json</c>.</summary>
internal static class EventText
{
    /// <summary>Times as the log has them: UTC, to the millisecond.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);

    /// <summary>
    /// The record's plain fields as <c>name=value</c> (ids, statuses, amounts; not the order id, timestamps, lists or
    /// nested records), then those of the chosen branch of a union of records.
    /// </summary>
    public static string Fields(GenericRecord record, int maxLength = 120)
    {
        var parts = new List<string>();
        Collect(record, parts);
        var text = string.Join(' ', parts);
        return text.Length <= maxLength ? text : text[..(maxLength - 1)] + "…";
    }

    public static string Describe(DeadLetterReason reason) =>
        $"{ShortName(reason.Exception)}: {reason.Message} (from {reason.SourceTopic}/{reason.SourcePartition}/{reason.SourceOffset})";

    /// <summary>Indented JSON, non-ASCII text written as itself, built by <paramref name="write"/>.</summary>
    public static string Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping })) write(writer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Writes the value in the Avro JSON encoding, with its writer's schema.</summary>
    public static void WriteValue(Utf8JsonWriter writer, string property, GenericRecord? value)
    {
        if (value is null) return;
        writer.WritePropertyName(property);
        AvroJson.Write(writer, value, value.Schema);
    }

    public static void WriteReason(Utf8JsonWriter writer, DeadLetterReason? reason)
    {
        if (reason is null) return;
        writer.WriteStartObject("deadLetter");
        writer.WriteString("sourceTopic", reason.SourceTopic);
        writer.WriteNumber("sourcePartition", reason.SourcePartition);
        writer.WriteNumber("sourceOffset", reason.SourceOffset);
        writer.WriteString("exception", reason.Exception);
        writer.WriteString("message", reason.Message);
        writer.WriteEndObject();
    }

    private static void Collect(GenericRecord record, List<string> parts)
    {
        GenericRecord? chosen = null;
        foreach (var field in record.Schema.Fields)
        {
            var value = record[field.Position];
            var schema = field.Schema is UnionSchema { IsNullable: true } nullable ? nullable.Branches[1 - nullable.NullIndex] : field.Schema;
            if (field.Name == "orderId" || schema.LogicalType?.Kind is LogicalTypeKind.TimestampMillis or LogicalTypeKind.TimestampMicros) continue;
            if (value is GenericRecord nested && OrderEvents.IsUnionOfRecords(field.Schema)) chosen = nested;
            else if (Plain(value) is { } text) parts.Add($"{field.Name}={text}");
        }
        if (chosen is not null) Collect(chosen, parts);
    }

    private static string? Plain(object? value) => value switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        int or long => Convert.ToString(value, CultureInfo.InvariantCulture),
        double d => d.ToString("0.##", CultureInfo.InvariantCulture),
        float f => f.ToString("0.##", CultureInfo.InvariantCulture),
        GenericEnum e => e.Symbol,
        _ => null,
    };

    private static string ShortName(string typeName) => typeName[(typeName.LastIndexOf('.') + 1)..];
}
