using System.Runtime.InteropServices;
using OrderStreams.Native;

namespace OrderStreams.Kafka.Embedded;

/// <summary>
/// An in-process Kafka cluster on 127.0.0.1: librdkafka's mock cluster, which speaks the Kafka protocol over TCP
/// to any client (ours, kcat, kafkajs, the JVM).
/// </summary>
/// <remarks>
/// The single-machine default for development and tests; production runs on Apache Kafka unchanged. Its limits:
/// no admin API (topics are created here, through <see cref="CreateTopic"/>), no filtering of aborted transactions
/// for read_committed consumers, no offsets-for-times, no compaction, only about the last 5 MB of each partition
/// is kept (the low watermark moves), and everything is in memory and gone when the process stops.
/// </remarks>
public sealed class EmbeddedKafkaCluster : IDisposable
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, int> topics = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Topic, int Partition), long> deletedBefore = [];
    private nint client;
    private nint cluster;

    private EmbeddedKafkaCluster(nint client, nint cluster, int brokerCount)
    {
        this.client = client;
        this.cluster = cluster;
        BrokerCount = brokerCount;
        BootstrapServers = Marshal.PtrToStringUTF8(RdKafkaMock.ClusterBootstraps(cluster))
            ?? throw new InvalidOperationException("The mock cluster reported no bootstrap servers.");
    }

    /// <summary>Comma-separated <c>host:port</c> list for <c>bootstrap.servers</c>.</summary>
    public string BootstrapServers { get; }

    public int BrokerCount { get; }

    /// <summary>The topics created so far and their partition counts.</summary>
    public IReadOnlyDictionary<string, int> Topics
    {
        get
        {
            lock (gate) return new Dictionary<string, int>(topics);
        }
    }

    /// <summary>Starts a cluster of <paramref name="brokerCount"/> brokers listening on ephemeral loopback ports.</summary>
    public static EmbeddedKafkaCluster Start(int brokerCount = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokerCount, 1);
        NativeLibraries.EnsureKafka();
        var error = new byte[512];
        var conf = RdKafkaNative.ConfNew();
        // The hosting client never talks to a broker; it only owns the mock cluster's threads.
        RdKafkaNative.ConfSet(conf, "log_level", "3", error, (nuint)error.Length);
        var client = RdKafkaNative.New(RdKafkaNative.ProducerType, conf, error, (nuint)error.Length);
        if (client == 0)
            throw new InvalidOperationException($"Could not create the client that hosts the embedded cluster: {RdKafkaNative.ErrorText(error)}");
        var cluster = RdKafkaMock.ClusterNew(client, brokerCount);
        if (cluster == 0)
        {
            RdKafkaNative.Destroy(client);
            throw new InvalidOperationException("librdkafka could not start its mock cluster.");
        }
        return new EmbeddedKafkaCluster(client, cluster, brokerCount);
    }

    /// <summary>
    /// Creates a topic unless it exists; replication is capped at the broker count.
    /// Returns false when it already existed with the same partition count.
    /// </summary>
    /// <exception cref="InvalidOperationException">The topic exists with another partition count.</exception>
    public bool CreateTopic(string name, int partitions, int replicationFactor = 3)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        lock (gate)
        {
            ThrowIfDisposed();
            if (topics.TryGetValue(name, out var existing))
            {
                return existing == partitions
                    ? false
                    : throw new InvalidOperationException($"Topic '{name}' exists with {existing} partitions, not {partitions}.");
            }
            var code = RdKafkaMock.TopicCreate(cluster, name, partitions, Math.Clamp(replicationFactor, 1, BrokerCount));
            if (code != 0)
                throw new InvalidOperationException($"Could not create topic '{name}' on the embedded cluster: {RdKafkaNative.ErrorText(code)}.");
            topics[name] = partitions;
            return true;
        }
    }

    /// <summary>
    /// Drops a partition's records before <paramref name="beforeOffset"/>, as Kafka's DeleteRecords does: its log then
    /// starts there. An offset at or below an earlier deletion's changes nothing (a log start never moves back).
    /// </summary>
    /// <exception cref="InvalidOperationException">No such partition, or the offset lies past the partition's end.</exception>
    public void DeleteRecords(string topic, int partition, long beforeOffset)
    {
        lock (gate)
        {
            ThrowIfDisposed();
            if (deletedBefore.TryGetValue((topic, partition), out var deleted) && beforeOffset <= deleted) return;
            var code = RdKafkaMock.PartitionDeleteRecords(cluster, topic, partition, beforeOffset);
            if (code != 0)
                throw new InvalidOperationException($"Could not delete the records of {topic} [{partition}] before offset {beforeOffset}: {RdKafkaNative.ErrorText(code)}.");
            deletedBefore[(topic, partition)] = beforeOffset;
        }
    }

    /// <summary>Takes a broker off the network (1-based id) to test failover.</summary>
    public void SetBrokerDown(int brokerId) => Check(RdKafkaMock.BrokerSetDown(Handle, brokerId), $"set broker {brokerId} down");

    public void SetBrokerUp(int brokerId) => Check(RdKafkaMock.BrokerSetUp(Handle, brokerId), $"set broker {brokerId} up");

    /// <summary>
    /// Moves the coordinator of a consumer group (<paramref name="keyType"/> <c>group</c>) or a transactional id
    /// (<c>transaction</c>) to <paramref name="brokerId"/>, as a coordinator failover does: clients asking the old one
    /// are told NOT_COORDINATOR and look it up again; the group's members and committed offsets stay.
    /// </summary>
    public void SetCoordinator(string keyType, string key, int brokerId) =>
        Check(RdKafkaMock.CoordinatorSet(Handle, keyType, key, brokerId), $"move the {keyType} coordinator of '{key}' to broker {brokerId}");

    /// <summary>Makes the next requests of one Kafka API (by its API key) fail with the given error codes, in order.</summary>
    public void InjectRequestErrors(short apiKey, params int[] errorCodes) =>
        RdKafkaMock.PushRequestErrors(Handle, apiKey, (nuint)errorCodes.Length, errorCodes);

    public void Dispose()
    {
        lock (gate)
        {
            if (cluster != 0) RdKafkaMock.ClusterDestroy(cluster);
            if (client != 0) RdKafkaNative.Destroy(client);
            cluster = 0;
            client = 0;
        }
    }

    private nint Handle
    {
        get
        {
            lock (gate)
            {
                ThrowIfDisposed();
                return cluster;
            }
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(cluster == 0, this);

    private static void Check(int code, string what)
    {
        if (code != 0) throw new InvalidOperationException($"Could not {what} on the embedded cluster: {RdKafkaNative.ErrorText(code)}.");
    }
}
