// Usage: <bootstrap.servers> <group> <topic>
// Prints "assigned <p,p,...>" after every assignment change and "record <partition> <offset>" per record;
// on SIGTERM commits, leaves the group and prints "closed".
using System.Runtime.InteropServices;
using Confluent.Kafka;
using OrderStreams.Native;

NativeLibraries.EnsureKafka();
var (bootstrap, group, topic) = (args[0], args[1], args[2]);
using var stop = new CancellationTokenSource();
using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});

var output = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = false };
var config = new ConsumerConfig
{
    BootstrapServers = bootstrap,
    GroupId = group,
    AutoOffsetReset = AutoOffsetReset.Earliest,
    EnableAutoCommit = false,
    PartitionAssignmentStrategy = PartitionAssignmentStrategy.Range,
    SessionTimeoutMs = 6000,
    HeartbeatIntervalMs = 500,
};
var assigned = new SortedSet<int>();
using var consumer = new ConsumerBuilder<Ignore, Ignore>(config)
    .SetPartitionsAssignedHandler((_, partitions) =>
    {
        assigned.UnionWith(partitions.Select(p => p.Partition.Value));
        Report();
    })
    .SetPartitionsRevokedHandler((c, partitions) =>
    {
        CommitStored(c);
        assigned.ExceptWith(partitions.Select(p => p.Partition.Value));
        Report();
    })
    .Build();
consumer.Subscribe(topic);

var sinceCommit = 0;
while (!stop.IsCancellationRequested)
{
    var result = consumer.Consume(100);
    if (result is null || result.IsPartitionEOF)
    {
        if (sinceCommit > 0) CommitStored(consumer);
        sinceCommit = 0;
        output.Flush();
        continue;
    }
    output.WriteLine($"record {result.Partition.Value} {result.Offset.Value}");
    if (++sinceCommit >= 1000)
    {
        CommitStored(consumer);
        sinceCommit = 0;
    }
}
CommitStored(consumer);
output.Flush();
consumer.Close();
Console.WriteLine("closed");
return 0;

void Report()
{
    output.WriteLine($"assigned {string.Join(',', assigned)}");
    output.Flush();
}

static void CommitStored(IConsumer<Ignore, Ignore> consumer)
{
    try
    {
        consumer.Commit();
    }
    catch (KafkaException e) when (e.Error.Code == ErrorCode.Local_NoOffset)
    {
        // Nothing consumed since the last commit.
    }
}
