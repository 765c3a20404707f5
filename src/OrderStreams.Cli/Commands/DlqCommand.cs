using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using OrderStreams.Operations.DeadLetters;
using Spectre.Console;

namespace OrderStreams.Cli.Commands;

/// <summary><c>orderstreams dlq list|show|redrive &lt;service&gt;</c>: a service's dead letters, why they are there, and putting them back.</summary>
internal static class DlqCommand
{
    public static Command Create() => new("dlq", "A service's dead letters (<service>.dlq): list them with their reasons, show one, redrive them to their source topic.")
    {
        List(), DlqShowCommand.Create(), DlqRedriveCommand.Create(),
    };

    public static Argument<string> ServiceArgument() => new("service") { Description = "The service (payment-completion, branch-assignment, driver-assignment, denormaliser), or its .dlq topic." };

    /// <summary>The service a <c>service</c> argument names, accepting its dead-letter topic too.</summary>
    public static string ServiceName(string argument) => argument.EndsWith(".dlq", StringComparison.Ordinal) ? argument[..^4] : argument;

    /// <summary>Parses <c>partition:offset</c>.</summary>
    /// <exception cref="InvalidDataException">It is not two numbers separated by a colon.</exception>
    public static (int Partition, long Offset) Address(string text) =>
        text.Split(':') is [var p, var o]
        && int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var partition)
        && long.TryParse(o, NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            ? (partition, offset)
            : throw new InvalidDataException($"'{text}' is not partition:offset (for example 3:17).");

    public static string? Text(byte[]? bytes) => bytes is null ? null : Encoding.UTF8.GetString(bytes);

    private static Command List()
    {
        var connection = new KafkaConnectionOptions();
        var service = ServiceArgument();
        var limit = new Option<int>("--limit") { Description = "Rows of the dead-letter table at most (the counts always cover all).", DefaultValueFactory = _ => 100 };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of tables." };
        var command = new Command("list", "Dead letters of a service: counts per reason and source topic, then each one with its source partition and offset and whether it was redriven.")
        {
            service, limit, json,
        };
        connection.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            using var cluster = new Operations.Clients.ClusterConnection(connection.KafkaSettings(parse));
            var queue = new DeadLetterQueue(cluster, ServiceName(parse.GetValue(service)!));
            var letters = await ScanProgressView.RunAsync($"reading {queue.Topic}", "dead letters", progress => Task.Run(() => queue.ReadAll(progress, cancellation), cancellation));
            var reasons = letters.GroupBy(d => (Exception: d.Reason?.Exception ?? "(no error headers)", Source: d.Reason?.SourceTopic ?? "?"))
                .Select(g => (g.Key.Exception, g.Key.Source, Count: g.Count(), Pending: g.Count(d => !d.Redriven), Example: g.First().Reason?.Message ?? ""))
                .OrderByDescending(r => r.Count).ToList();

            if (parse.GetValue(json))
            {
                Console.WriteLine(Json(queue, letters, reasons.Select(r => (r.Exception, r.Source, r.Count, r.Pending)).ToList()));
                return ExitCodes.Ok;
            }
            Console.WriteLine($"{queue.Topic}: {letters.Count} dead letter(s), {letters.Count(d => !d.Redriven)} not redriven (redrive group {queue.RedriveGroup}).");
            if (letters.Count == 0) return ExitCodes.Ok;
            var summary = new Table().Title("by reason").AddColumns("exception", "source topic", "count", "not redriven", "message (first)");
            foreach (var r in reasons) summary.AddRow(Markup.Escape(r.Exception), Markup.Escape(r.Source), $"{r.Count}", $"{r.Pending}", Markup.Escape(Shorten(r.Example, 80)));
            AnsiConsole.Write(summary);
            var table = new Table().AddColumns("partition:offset", "time (UTC)", "source", "key", "exception", "message", "status");
            foreach (var d in letters.Take(parse.GetValue(limit)))
            {
                var source = d.Reason is { } r ? $"{r.SourceTopic}/{r.SourcePartition}/{r.SourceOffset}" : "?";
                table.AddRow($"{d.Partition}:{d.Offset}", EventText.Time(d.Timestamp), Markup.Escape(source), Markup.Escape(Text(d.Key) ?? "(null)"),
                    Markup.Escape(d.Reason?.Exception ?? "?"), Markup.Escape(Shorten(d.Reason?.Message ?? "", 80)), d.Redriven ? "redriven" : "pending");
            }
            AnsiConsole.Write(table);
            if (letters.Count > parse.GetValue(limit)) Console.WriteLine($"… and {letters.Count - parse.GetValue(limit)} more (--limit).");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Json(DeadLetterQueue queue, IReadOnlyList<DeadLetter> letters, IReadOnlyList<(string Exception, string Source, int Count, int Pending)> reasons)
    {
        return EventText.Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("topic", queue.Topic);
            w.WriteString("redriveGroup", queue.RedriveGroup);
            w.WriteNumber("total", letters.Count);
            w.WriteNumber("pending", letters.Count(d => !d.Redriven));
            w.WriteStartArray("reasons");
            foreach (var r in reasons)
            {
                w.WriteStartObject();
                w.WriteString("exception", r.Exception);
                w.WriteString("sourceTopic", r.Source);
                w.WriteNumber("count", r.Count);
                w.WriteNumber("pending", r.Pending);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("deadLetters");
            foreach (var d in letters) WriteDeadLetter(w, d);
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>A dead letter's address, key, reason and status as JSON properties of an object it opens and leaves open.</summary>
    public static void WriteDeadLetterFields(Utf8JsonWriter w, DeadLetter d)
    {
        w.WriteStartObject();
        w.WriteNumber("partition", d.Partition);
        w.WriteNumber("offset", d.Offset);
        w.WriteString("timestamp", d.Timestamp);
        w.WriteString("key", Text(d.Key));
        w.WriteBoolean("redriven", d.Redriven);
        EventText.WriteReason(w, d.Reason);
    }

    private static void WriteDeadLetter(Utf8JsonWriter w, DeadLetter d)
    {
        WriteDeadLetterFields(w, d);
        w.WriteEndObject();
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
