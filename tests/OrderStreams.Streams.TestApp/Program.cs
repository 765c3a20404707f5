using System.Runtime.InteropServices;
using OrderStreams.Kafka.Clients;
using OrderStreams.Kafka.Topics;
using OrderStreams.Streams;
using OrderStreams.Streams.Errors;
using OrderStreams.Streams.Serialization;
using OrderStreams.Streams.TestApp;

// Usage: OrderStreams.Streams.TestApp <bootstrap> <application-id> <input-topic> <output-topic> <state-dir> [key=value ...]
// Keys: threads, commit-ms, embedded-admin-url, server (host:port), guarantee (at-least-once|exactly-once-v2),
// session-timeout-ms, instance (name put in the "instance" header of outputs), dlq (dead-letter topic for records that
// cannot be deserialized or processed), lookup-topic (a table the input is left-joined with, for co-partitioning checks),
// assigned-partitions / excluded-partitions (comma-separated partition numbers: a pinned instance, the general one).
//
// Input: key = word, value = the word's sequence number (8-byte big-endian long, from 1). The words are regrouped
// through the repartition topic <app>-words-repartition and counted into the RocksDB store "counts" (SequencedCount:
// repeated deliveries do not count twice); every input yields the word's count on the output topic.
// Stdout: RUNNING once started; TASKS <ids> whenever the set of processing (not restoring) tasks changes;
// RESTORING/RESTORED lines per restored store partition; STOPPED after a clean close (stdin EOF or SIGTERM), or
// FAILED <message>. A start-up failure is one line on stderr and exit code 1.
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
    LoggerFactory = new StderrLoggerFactory(),
    KafkaSettings = new() { ["session.timeout.ms"] = options.GetValueOrDefault("session-timeout-ms", "6000"), ["heartbeat.interval.ms"] = "500" },
};
using var topicAdmin = options.TryGetValue("embedded-admin-url", out var adminUrl)
    ? TopicAdmin.Create(new KafkaClientFactory(KafkaClientSettings.For(args[0])), new Uri(adminUrl))
    : null;
config.TopicAdmin = topicAdmin;
if (options.TryGetValue("assigned-partitions", out var assigned)) config.AssignedPartitions = assigned.Split(',').Select(int.Parse).ToList();
if (options.TryGetValue("excluded-partitions", out var excluded)) config.ExcludedPartitions = excluded.Split(',').Select(int.Parse).ToList();
if (options.TryGetValue("dlq", out var dlq))
{
    config.DeadLetterQueueTopic = dlq;
    config.DeserializationExceptionHandling = ExceptionHandling.DeadLetter;
    config.ProcessingExceptionHandling = ExceptionHandling.DeadLetter;
}

var builder = new StreamsBuilder();
var words = builder.Stream(args[2], Consumed<string, long>.With(Serdes.String, Serdes.Long))
    .MapValues(sequence => sequence > 0 ? sequence : throw new ArgumentOutOfRangeException(nameof(sequence), sequence, "Sequence numbers start at 1."));
if (options.TryGetValue("lookup-topic", out var lookup))
    words = words.LeftJoin(builder.Table(lookup, Consumed<string, string>.With(Serdes.String, Serdes.String)), (sequence, _) => sequence);
words.GroupBy((word, _) => word, Grouped<string, long>.With(Serdes.String, Serdes.Long, "words"))
    .Aggregate(() => default(SequencedCount), (_, sequence, count) => count.Add(sequence), Materialized<string, SequencedCount>.As("counts").WithValueSerde(SequencedCount.Serde).WithCachingDisabled())
    .ToStream()
    .Process(() => new TagInstance(options.GetValueOrDefault("instance", args[1])))
    .To(args[3], Produced<string, SequencedCount>.With(Serdes.String, SequencedCount.Serde));

using var streams = new KafkaStreams(builder.Build(), config);
streams.SetGlobalStateRestoreListener(new ConsoleRestoreListener());
using var stop = new ManualResetEventSlim();
streams.StateChanged += (state, _) =>
{
    if (state == KafkaStreamsState.Error) stop.Set();
};
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
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
try
{
    await streams.StartAsync();
}
catch (StreamsException e)
{
    Console.Error.WriteLine($"testapp: {e.Message}");
    return 1;
}
Console.WriteLine("RUNNING");
var reported = "";
while (!stop.Wait(TimeSpan.FromMilliseconds(100)))
{
    var running = string.Join(",", streams.MetadataForLocalThreads().SelectMany(t => t.ActiveTasks).Where(t => !t.Restoring).Select(t => t.TaskId.ToString()).Order());
    if (running == reported) continue;
    reported = running;
    Console.WriteLine($"TASKS {(running.Length == 0 ? "-" : running)}");
}
var failed = streams.State == KafkaStreamsState.Error;
streams.Close(TimeSpan.FromSeconds(30));
Console.WriteLine(failed ? $"FAILED {streams.Failure?.Message}" : "STOPPED");
return failed ? 1 : 0;
