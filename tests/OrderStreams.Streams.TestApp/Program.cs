using OrderStreams.Kafka.Embedded;
using OrderStreams.Streams;
using OrderStreams.Streams.Serialization;

// Usage: OrderStreams.Streams.TestApp <bootstrap> <application-id> <input-topic> <output-topic> <state-dir> [key=value ...]
// Keys: threads, commit-ms, embedded-admin-url, server (host:port), guarantee (at-least-once|exactly-once-v2), session-timeout-ms.
// Counts the words of each input line into the store "counts" and writes every new count to the output topic.
// Prints "RUNNING" once started and "STOPPED" after a clean close (on stdin EOF or SIGTERM), so a parent process can follow it.
if (args.Length < 5)
{
    Console.Error.WriteLine("usage: <bootstrap> <application-id> <input-topic> <output-topic> <state-dir> [key=value ...]");
    return 2;
}
var options = args.Skip(5).Select(a => a.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");
var config = new StreamsConfig
{
    BootstrapServers = args[0],
    ApplicationId = args[1],
    StateDir = args[4],
    NumStreamThreads = int.Parse(options.GetValueOrDefault("threads", "1")),
    CommitInterval = TimeSpan.FromMilliseconds(int.Parse(options.GetValueOrDefault("commit-ms", "1000"))),
    ApplicationServer = options.GetValueOrDefault("server"),
    ProcessingGuarantee = options.GetValueOrDefault("guarantee") == "exactly-once-v2" ? ProcessingGuarantee.ExactlyOnceV2 : ProcessingGuarantee.AtLeastOnce,
    KafkaSettings = new() { ["session.timeout.ms"] = options.GetValueOrDefault("session-timeout-ms", "6000"), ["heartbeat.interval.ms"] = "500" },
};
if (options.TryGetValue("embedded-admin-url", out var adminUrl)) config.KafkaSettings[EmbeddedClusterControl.UrlSetting] = adminUrl;

var builder = new StreamsBuilder();
builder.Stream(args[2], Consumed<string, string>.With(Serdes.String, Serdes.String))
    .FlatMapValues(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
    .GroupBy((_, word) => word, Grouped<string, string>.With(Serdes.String, Serdes.String, "words"))
    .Count(Materialized<string, long>.As("counts"))
    .ToStream()
    .To(args[3], Produced<string, long>.With(Serdes.String, Serdes.Long));

using var streams = new KafkaStreams(builder.Build(), config);
using var stop = new ManualResetEventSlim();
streams.StateChanged += (state, _) =>
{
    if (state == KafkaStreamsState.Error) stop.Set();
};
using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Set();
});
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Set();
};
_ = Task.Run(() =>
{
    while (Console.In.ReadLine() is not null)
    {
    }
    stop.Set();
});
await streams.StartAsync();
Console.WriteLine("RUNNING");
stop.Wait();
var failed = streams.State == KafkaStreamsState.Error;
streams.Close(TimeSpan.FromSeconds(30));
Console.WriteLine(failed ? $"FAILED {streams.Failure?.Message}" : "STOPPED");
return failed ? 1 : 0;
