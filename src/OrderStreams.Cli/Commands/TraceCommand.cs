using System.CommandLine;
using System.Text.Json;
using OrderStreams.Platform;
using OrderStreams.Operations.Clients;
using OrderStreams.Operations.Trace;
using OrderStreams.OrderFlow;
using Spectre.Console;

namespace OrderStreams.Cli.Commands;

/// <summary>
/// <c>orderstreams trace &lt;orderId&gt;</c>: every event of one order across the topics, in time order, decoded, with the
/// trace it was produced in and the time since the previous event of that trace.
/// </summary>
internal static class TraceCommand
{
    public static Command Create()
    {
        var connection = new KafkaConnectionOptions();
        var manifestFile = TopicsCommand.ManifestOption();
        var orderId = new Argument<string>("orderId") { Description = "The order's id." };
        var branch = new Option<string?>("--branch") { Description = "The order's branch: read only its partition of each topic (and follow the order to the branches it was offered to)." };
        var routing = new Option<string?>("--branch-routing") { Description = "The services' BranchRouting (branch=partition,…) when hot branches have partitions of their own (default: the running dev platform's)." };
        var topics = new Option<string[]>("--topic") { Description = "Read these topics instead (default: every manifest topic whose events name an order, and the dead-letter topics)." };
        var parallelism = new Option<int>("--parallelism") { Description = "Consumers reading in parallel.", DefaultValueFactory = _ => 4 };
        var json = new Option<bool>("--json") { Description = "Print the events as a JSON array (values in Avro's JSON encoding)." };

        var command = new Command("trace", "Every event of one order across all topics (order flow, orders.view, dead letters) in time order, decoded through the schema registry.")
        {
            orderId, branch, routing, topics, parallelism, json, manifestFile,
        };
        connection.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            var manifest = TopicsCommand.LoadManifest(parse.GetValue(manifestFile));
            var traced = TraceTopics.Of(manifest);
            if (parse.GetValue(topics) is { Length: > 0 } only)
                traced = only.Select(t => traced.FirstOrDefault(x => x.Name == t) ?? new TraceTopic(t, TraceKey.Other)).ToList();
            BranchRoutingTable table;
            try
            {
                table = BranchRoutingTable.Parse(parse.GetValue(routing) ?? connection.PlatformSetting(parse, DevPlatform.BranchRoutingSetting));
            }
            catch (FormatException e)
            {
                throw new InvalidDataException(e.Message, e);
            }

            using var cluster = new ClusterConnection(connection.KafkaSettings(parse));
            using var registry = connection.SchemaRegistry(parse);
            var tracer = new OrderTracer(cluster, registry, table, Math.Max(1, parse.GetValue(parallelism)));
            var id = parse.GetValue(orderId)!;
            var events = await ScanProgressView.RunAsync($"tracing {id}", "mention the order", progress => tracer.TraceAsync(id, traced, parse.GetValue(branch), progress, cancellation));

            if (parse.GetValue(json)) Console.WriteLine(Json(events));
            else Print(events);
            if (events.Count > 0) return ExitCodes.Ok;
            await Console.Error.WriteLineAsync($"orderstreams: no record on {string.Join(", ", traced.Select(t => t.Name))} mentions order {id}.");
            return ExitCodes.Failure;
        });
        return command;
    }

    private static void Print(IReadOnlyList<TraceEvent> events)
    {
        var table = new Table().AddColumns("time (UTC)", "hop", "trace/span", "topic", "partition@offset", "event", "details");
        foreach (var hop in TraceHop.Of(events))
        {
            var e = hop.Event;
            var details = e.DeadLetter is { } reason ? $"dead letter: {EventText.Describe(reason)}"
                : e.Value is { } value ? EventText.Fields(value)
                : e.DecodeError ?? "";
            if (e.RedrivenFrom is { } from) details += $" (redriven from {from})";
            table.AddRow(EventText.Time(e.Timestamp), Hop(hop), hop.TraceId is null ? "" : $"{hop.TraceId[..8]}…/{hop.SpanId}", Markup.Escape(e.Topic), $"{e.Partition}@{e.Offset}", Markup.Escape(e.Type), Markup.Escape(details));
        }
        AnsiConsole.Write(table);
    }

    private static string Hop(TraceHop hop) => hop.SincePrevious is { } since ? $"+{since.TotalMilliseconds:0} ms" : "";

    private static string Json(IReadOnlyList<TraceEvent> events)
    {
        return EventText.Json(writer =>
        {
            writer.WriteStartArray();
            foreach (var hop in TraceHop.Of(events))
            {
                var e = hop.Event;
                writer.WriteStartObject();
                writer.WriteString("timestamp", e.Timestamp);
                writer.WriteString("topic", e.Topic);
                writer.WriteNumber("partition", e.Partition);
                writer.WriteNumber("offset", e.Offset);
                writer.WriteString("key", e.Key);
                writer.WriteString("type", e.Type);
                EventText.WriteValue(writer, "value", e.Value);
                if (e.DecodeError is { } error) writer.WriteString("decodeError", error);
                EventText.WriteReason(writer, e.DeadLetter);
                if (e.RedrivenFrom is { } from) writer.WriteString("redrivenFrom", from);
                if (e.TraceParent is { } traceParent) writer.WriteString("traceParent", traceParent);
                if (hop.SincePrevious is { } since) writer.WriteNumber("sincePreviousInTraceMs", since.TotalMilliseconds);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        });
    }
}
