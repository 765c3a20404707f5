using System.CommandLine;
using System.Text;
using System.Text.Json;
using OrderStreams.Avro.Generic;
using OrderStreams.Avro.Json;
using OrderStreams.Operations.Clients;
using OrderStreams.Operations.DeadLetters;
using OrderStreams.SchemaRegistry.Serdes;

namespace OrderStreams.Cli.Commands;

/// <summary>
/// <c>orderstreams dlq show &lt;service&gt; &lt;partition:offset&gt;</c>: one dead letter, its value decoded through the
/// registry (in Avro's JSON encoding, which <c>dlq redrive --value-json</c> takes back) or as hex when it does not decode.
/// </summary>
internal static class DlqShowCommand
{
    public static Command Create()
    {
        var connection = new KafkaConnectionOptions();
        var service = DlqCommand.ServiceArgument();
        var at = new Argument<string>("partition:offset") { Description = "Where the dead letter is on the dead-letter topic (dlq list shows it)." };
        var stacktrace = new Option<bool>("--stacktrace") { Description = "Also print the exception's stack trace." };
        var json = new Option<bool>("--json") { Description = "Print JSON (the value in Avro's JSON encoding under \"value\")." };
        var command = new Command("show", "One dead letter: source, reason, key, headers and its value decoded (hex when it does not decode).")
        {
            service, at, stacktrace, json,
        };
        connection.AddTo(command);
        command.SetAction(async parse =>
        {
            var (partition, offset) = DlqCommand.Address(parse.GetValue(at)!);
            using var cluster = new ClusterConnection(connection.KafkaSettings(parse));
            var letter = new DeadLetterQueue(cluster, DlqCommand.ServiceName(parse.GetValue(service)!)).Read(partition, offset);
            var (value, error) = await DecodeAsync(connection, parse, letter);

            if (parse.GetValue(json))
            {
                Console.WriteLine(Json(letter, value, error));
                return ExitCodes.Ok;
            }
            Console.WriteLine($"{letter.Topic} {letter.Partition}:{letter.Offset}  {EventText.Time(letter.Timestamp)} UTC  {(letter.Redriven ? "redriven" : "pending")}");
            if (letter.Reason is { } reason)
            {
                Console.WriteLine($"from:      {reason.SourceTopic}/{reason.SourcePartition}/{reason.SourceOffset}");
                Console.WriteLine($"exception: {reason.Exception}");
                Console.WriteLine($"message:   {reason.Message}");
                if (parse.GetValue(stacktrace) && reason.Stacktrace is { } trace) Console.WriteLine(trace);
            }
            else Console.WriteLine("no error headers: not written by the streams runtime");
            Console.WriteLine($"key:       {DlqCommand.Text(letter.Key) ?? "(null)"}");
            foreach (var header in letter.Headers) Console.WriteLine($"header:    {header.Key}={Encoding.UTF8.GetString(header.GetValueBytes())}");
            if (value is not null)
            {
                Console.WriteLine($"value ({value.Schema.FullName}):");
                Console.WriteLine(AvroJson.ToJson(value, value.Schema, indented: true));
            }
            else
            {
                Console.WriteLine($"value does not decode: {error}");
                Console.WriteLine(Hex(letter.Value ?? []));
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<(GenericRecord? Value, string? Error)> DecodeAsync(KafkaConnectionOptions connection, ParseResult parse, DeadLetter letter)
    {
        if (letter.Value is null) return (null, "null value (a tombstone)");
        if (connection.SchemaRegistryUrl(parse) is null) return (null, "no schema registry to decode with (--schema-registry-url)");
        using var registry = connection.SchemaRegistry(parse);
        try
        {
            var decoded = await new GenericAvroDeserializer(registry).DeserializeAsync(letter.Value, letter.Reason?.SourceTopic ?? letter.Topic);
            return decoded is GenericRecord record ? (record, null) : (null, "not a record");
        }
        catch (AvroSerdeException e)
        {
            return (null, e.Message);
        }
    }

    private static string Json(DeadLetter letter, GenericRecord? value, string? error)
    {
        return EventText.Json(w =>
        {
            DlqCommand.WriteDeadLetterFields(w, letter);
            w.WriteStartObject("headers");
            foreach (var header in letter.Headers) w.WriteString(header.Key, Encoding.UTF8.GetString(header.GetValueBytes()));
            w.WriteEndObject();
            EventText.WriteValue(w, "value", value);
            if (error is not null) w.WriteString("decodeError", error);
            w.WriteString("valueHex", Convert.ToHexString(letter.Value ?? []).ToLowerInvariant());
            w.WriteEndObject();
        });
    }

    // Like hexdump -C: offset, 16 bytes, and the printable ones.
    private static string Hex(byte[] bytes)
    {
        var text = new StringBuilder();
        for (var row = 0; row < bytes.Length; row += 16)
        {
            var line = bytes.AsSpan(row, Math.Min(16, bytes.Length - row));
            text.Append($"{row:x8}  ");
            for (var i = 0; i < 16; i++) text.Append(i < line.Length ? $"{line[i]:x2} " : "   ");
            text.Append(' ').Append(string.Concat(line.ToArray().Select(b => b is >= 0x20 and < 0x7f ? (char)b : '.'))).AppendLine();
        }
        return text.ToString().TrimEnd();
    }
}
