using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using OrderStreams.Platform;
using OrderStreams.Platform.Control;
using OrderStreams.Operations.Groups;
using OrderStreams.Operations.History;
using OrderStreams.Operations.Lag;
using OrderStreams.Operations.Rebuild;
using OrderStreams.Operations.Reset;
using Spectre.Console;

namespace OrderStreams.Cli.Commands;

/// <summary>
/// <c>orderstreams replay &lt;service&gt; --until T</c>: a temporal query. The service runs under an application id of
/// its own (<c>denormaliser-asof-20261201T120000Z</c>: its own group, internal topics and state) with
/// <c>Streams:ProcessUntil</c> = T, so each input partition is processed up to its first record after T, and writes
/// its views to a topic of its own, never into the live one. Without <c>--execute</c> only the plan is printed. It
/// refuses when the log lost the start of an input partition, unless <c>--accept-partial-history</c>.
/// </summary>
internal static class ReplayCommand
{
    private const string ProcessUntilSetting = "Streams:ProcessUntil";
    private static readonly TimeSpan DoneTimeout = TimeSpan.FromMinutes(3);
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(5) };

    public static Command Create()
    {
        var connection = new KafkaConnectionOptions();
        var platformUrl = AppTarget.PlatformUrlOption();
        var service = new Argument<string>("service") { Description = $"A service whose output can go to a topic of its own: {string.Join(", ", Replayable().Select(s => s.Name))}." };
        var until = new Option<DateTimeOffset>("--until") { Description = "The time to build the views as of (ISO 8601 with Z or an offset, e.g. 2026-12-01T12:00:00Z).", Required = true };
        var applicationId = new Option<string?>("--application-id") { Description = "The replay's application id (default: <service>-asof-<yyyyMMddTHHmmssZ>)." };
        var execute = new Option<bool>("--execute") { Description = "Start the replay on the dev platform and follow it. Without it, only the plan is printed." };
        var acceptPartial = HistoryGuard.AcceptOption();
        var command = new Command("replay", "Build a service's views as of a time under an application id of its own (a temporal query). Prints the plan; --execute runs it.")
        {
            service, until, applicationId, execute, acceptPartial, platformUrl,
        };
        connection.AddTo(command);
        command.SetAction((parse, cancellation) => AppTarget.GuardedAsync(async () =>
        {
            var spec = ServiceCatalog.Find(parse.GetValue(service)!);
            if (spec.OutputTopicSetting is null)
            {
                await Console.Error.WriteLineAsync(
                    $"orderstreams: {spec.Name} writes {string.Join(", ", spec.OutputTopics)} for the next step and cannot write elsewhere, so a replay would write those events twice. Replayable: {string.Join(", ", Replayable().Select(s => s.Name))}.");
                return ExitCodes.Usage;
            }
            var bound = parse.GetValue(until).ToUniversalTime();
            var id = parse.GetValue(applicationId) ?? $"{spec.Name}-asof-{bound.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}";
            if (id.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')))
            {
                await Console.Error.WriteLineAsync($"orderstreams: --application-id '{id}' may only contain ASCII letters, digits, '.', '_' and '-' (it names topics).");
                return ExitCodes.Usage;
            }
            var viewTopic = $"{id}-{spec.OutputTopics[0]}";
            using var target = await AppTarget.ResolveAsync(parse, connection, platformUrl, cancellation);
            using var lag = new LagReader(target.KafkaSettings);
            using var resetter = new ApplicationResetter(target.KafkaSettings);
            if (target.Instance(id) is not null || lag.TopicsOf(id).Count > 0 || resetter.InternalTopicsOf(id).Count > 0)
            {
                await Console.Error.WriteLineAsync(
                    $"orderstreams: '{id}' was used before (an instance, committed offsets or internal topics): a replay under it would resume from that run. " +
                    $"Remove it with orderstreams app retire {spec.Name} --application-id {id}, or choose another --application-id.");
                return ExitCodes.Failure;
            }

            using var offsets = new OffsetResetter(target.KafkaSettings);
            // The first record after the bound: the first at or after one millisecond past it (timestamps are milliseconds).
            var stops = new List<OffsetReset>();
            foreach (var topic in spec.InputTopics)
            {
                Console.WriteLine($"Finding where the partitions of {topic} stop …");
                stops.AddRange(offsets.Plan(id, offsets.PartitionsOf([topic]), new ResetTarget.ToDateTime(bound.AddMilliseconds(1))));
            }
            using var checker = HistoryGuard.Checker(target.KafkaSettings);
            var history = checker.Check(spec.HistoryTopics(spec.InputTopics));
            var settings = new Dictionary<string, string>(HistoryGuard.Settings(history))
            {
                [ProcessUntilSetting] = bound.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
                [spec.OutputTopicSetting] = viewTopic,
            };
            PrintPlan(spec, id, bound, viewTopic, stops, settings);
            HistoryGuard.Print(history);
            if (!parse.GetValue(execute))
            {
                Console.WriteLine(target.Platform is null
                    ? "Dry run: nothing started. There is no dev platform here, so --execute cannot start it: run the service with the environment above (and a state directory of its own)."
                    : "Dry run: nothing started. Run again with --execute to replay.");
                return ExitCodes.Ok;
            }
            var replay = $"a replay of {spec.Name} as of {settings[ProcessUntilSetting]}";
            if (!HistoryGuard.Allows(history, parse.GetValue(acceptPartial), replay)) return ExitCodes.Failure;
            if (target.Platform is not { } platform)
            {
                await Console.Error.WriteLineAsync(
                    $"orderstreams: replay --execute starts the service on the dev platform, and none runs here (./orderstreams.sh dev, or --platform-url); nothing was started. " +
                    $"On this cluster, run {spec.Name} yourself with the environment above (docker run -e …, a Kubernetes Deployment): its /readyz check process-until turns Healthy when the views are complete.");
                return ExitCodes.Failure;
            }

            var tracker = new CatchUpTracker(lag, spec.Application(id), stops.ToDictionary(s => (s.Topic, s.Partition), s => s.Target));
            await platform.StartAsync(spec.Name, id, cancellation, settings);
            Console.WriteLine($"Started {id}; it processes each input partition up to its first record after {settings[ProcessUntilSetting]}.");
            if (await RebuildProgressView.FollowAsync(tracker, id, cancellation) is null)
            {
                Console.WriteLine($"Stopped following: {id} keeps running. Retire it with orderstreams app retire {spec.Name} --application-id {id}.");
                return ExitCodes.Failure;
            }
            await WaitUntilDoneAsync(platform, id, cancellation);
            PrintDone(spec, id, viewTopic, platform.Url);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static IEnumerable<ServiceSpec> Replayable() => ServiceCatalog.All.Where(s => s.OutputTopicSetting is not null);

    private static void PrintPlan(ServiceSpec spec, string id, DateTimeOffset bound, string viewTopic, IReadOnlyList<OffsetReset> stops, Dictionary<string, string> settings)
    {
        var steps = new Table().Title($"replay plan for {Markup.Escape(spec.Name)} as of {Markup.Escape(settings[ProcessUntilSetting])}").AddColumns("what", "value");
        steps.AddRow("application id", Markup.Escape($"{id} (new consumer group, internal topics and local state)"));
        steps.AddRow("writes its views to", Markup.Escape($"{viewTopic} (not {string.Join(", ", spec.OutputTopics)})"));
        if (spec.GlobalTopics is { Count: > 0 } global)
            steps.AddRow("reference tables", Markup.Escape($"{string.Join(", ", global)}: only records up to the bound"));
        AnsiConsole.Write(steps);

        var table = new Table().AddColumns("input topic", "partitions", "records up to the bound", "records after it", "stops at (partition:offset)");
        foreach (var topic in stops.GroupBy(s => s.Topic))
        {
            table.AddRow(
                Markup.Escape(topic.Key),
                $"{topic.Count()}",
                $"{topic.Sum(s => s.Target - s.LogStart):N0}",
                $"{topic.Sum(s => s.LogEnd - s.Target):N0}",
                Markup.Escape(string.Join(" ", topic.OrderBy(s => s.Partition).Select(s => $"{s.Partition}:{s.Target}"))));
        }
        table.AddRow("total", $"{stops.Count}", $"{stops.Sum(s => s.Target - s.LogStart):N0}", $"{stops.Sum(s => s.LogEnd - s.Target):N0}", "");
        AnsiConsole.Write(table);
        Console.WriteLine($"Records appended after now with times up to {settings[ProcessUntilSetting]} are processed too, until a partition reaches a later one.");
        Console.WriteLine("The service runs with (environment variables):");
        Console.WriteLine($"  Streams__ApplicationId={id}");
        foreach (var (key, value) in settings) Console.WriteLine($"  {key.Replace(":", "__", StringComparison.Ordinal)}={value}");
    }

    private static void PrintDone(ServiceSpec spec, string id, string viewTopic, Uri platform)
    {
        Console.WriteLine($"{id} is done: its views are {spec.Name}'s as of the bound.");
        Console.WriteLine($"Query it through the gateway: {platform}query/{id}/orders/<orderId>, {platform}query/{id}/branches/<branchId>/orders, {platform}query/{id}/drivers/<driverId>/orders");
        Console.WriteLine($"Read its views: topic {viewTopic} (the latest record per order id).");
        Console.WriteLine($"Remove it: orderstreams app retire {spec.Name} --application-id {id} (stops it, deletes its local state and, on Apache Kafka, its internal topics); " +
                          $"delete {viewTopic} with the cluster's tools (the embedded broker cannot delete topics).");
    }

    // The progress bar follows committed offsets; the service itself says when every partition is done (/readyz).
    private static async Task WaitUntilDoneAsync(PlatformClient platform, string applicationId, CancellationToken cancellation)
    {
        var deadline = DateTime.UtcNow + DoneTimeout;
        var last = "not asked yet";
        while (true)
        {
            var instance = (await platform.InfoAsync(cancellation)).Instances.FirstOrDefault(i => i.ApplicationId == applicationId);
            if (instance is null or { State: "stopped" or "exited" }) throw new PlatformException($"{applicationId} is {instance?.State ?? "gone"}; see its log.");
            if (instance.Url is { } url)
            {
                var (done, description) = await ProcessUntilCheckAsync(new Uri(url), cancellation);
                if (done) return;
                if (description != last) Console.WriteLine($"{applicationId}: {description}");
                last = description;
            }
            if (DateTime.UtcNow > deadline) throw new PlatformException($"{applicationId} did not report done within {DoneTimeout.TotalMinutes} minutes (last: {last}).");
            await Task.Delay(TimeSpan.FromSeconds(1), cancellation);
        }
    }

    private static async Task<(bool Done, string Description)> ProcessUntilCheckAsync(Uri instance, CancellationToken cancellation)
    {
        try
        {
            using var response = await Probe.GetAsync(new Uri(instance, "/readyz"), cancellation);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellation));
            var check = body.RootElement.GetProperty("checks").EnumerateArray().FirstOrDefault(c => c.GetProperty("name").GetString() == "process-until");
            if (check.ValueKind != JsonValueKind.Object) return (false, "no process-until check yet");
            var description = check.TryGetProperty("description", out var d) ? d.GetString() ?? "" : "";
            return (check.GetProperty("status").GetString() == "Healthy", description);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or KeyNotFoundException || (e is TaskCanceledException && !cancellation.IsCancellationRequested))
        {
            return (false, $"/readyz did not answer ({e.Message})");
        }
    }
}
