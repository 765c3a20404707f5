using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using OrderStreams.Kafka.Clients;
using OrderStreams.Streams.Internals.Runtime;

namespace OrderStreams.Streams.Internals.Engine;

/// <summary>What a stream thread talks to Kafka with: its group consumer, its producer, and the restore consumer.</summary>
internal sealed class ThreadClients : IDisposable
{
    private ThreadClients(IConsumer<byte[], byte[]> consumer, KafkaRecordCollector collector, StateRestorer restorer, FetchLiveness liveness)
    {
        Consumer = consumer;
        Collector = collector;
        Restorer = restorer;
        Liveness = liveness;
    }

    public IConsumer<byte[], byte[]> Consumer { get; }

    public KafkaRecordCollector Collector { get; }

    public StateRestorer Restorer { get; }

    /// <summary>Whether the brokers of the consumer's partitions answer, from librdkafka's statistics.</summary>
    public FetchLiveness Liveness { get; }

    /// <param name="rebalance">Installs the consumer's assignment handlers.</param>
    public static ThreadClients Create(
        EngineContext engine, int index, ILogger logger, Action<ConsumerBuilder<byte[], byte[]>> rebalance)
    {
        var config = engine.Config;
        var exactlyOnce = config.ProcessingGuarantee == ProcessingGuarantee.ExactlyOnceV2;
        var clientId = $"{config.ApplicationId}-{engine.ProcessId}-StreamThread-{index}";
        FetchLiveness liveness = null!;
        var consumer = engine.Clients.CreateConsumer<byte[], byte[]>(
            config.AssignedPartitions is null ? config.ApplicationId : config.PinnedGroupId,
            consumerConfig =>
            {
                consumerConfig.ClientId = $"{clientId}-consumer";
                consumerConfig.EnableAutoCommit = false;
                consumerConfig.EnableAutoOffsetStore = false;
                consumerConfig.AutoOffsetReset = AutoOffsetReset.Earliest;
                // A pinned instance assigns its partitions itself and joins no group.
                ConsumerGroupSettings.Apply(consumerConfig, config.AssignedPartitions is null ? config.GroupProtocol : ConsumerGroupProtocol.Classic);
                consumerConfig.IsolationLevel = exactlyOnce ? IsolationLevel.ReadCommitted : IsolationLevel.ReadUncommitted;
                // Reaching a partition's end, and the brokers' liveness, tell when a task is caught up (StreamTask.CheckCaughtUp).
                consumerConfig.EnablePartitionEof = true;
                if (consumerConfig.StatisticsIntervalMs is not > 0) consumerConfig.StatisticsIntervalMs = FetchLiveness.DefaultStatisticsIntervalMs;
                liveness = new FetchLiveness(consumerConfig.FetchWaitMaxMs ?? FetchLiveness.DefaultFetchWaitMaxMs, consumerConfig.StatisticsIntervalMs.Value);
            },
            builder =>
            {
                builder.SetStatisticsHandler((_, statistics) => liveness.Update(statistics, SystemClock.Instance.NowMs));
                rebalance(builder);
            });

        var collector = new KafkaRecordCollector(engine.Clients, producerConfig =>
        {
            producerConfig.ClientId = $"{clientId}-producer";
            if (exactlyOnce) producerConfig.TransactionalId = $"{config.ApplicationId}-{engine.ProcessId}-{index}";
        }, config, logger, exactlyOnce);

        // The restore consumer is librdkafka's own (ChangelogReader), built from the factory's settings.
        var restoreConfig = engine.Clients.ConsumerConfig($"{config.ApplicationId}-restore");
        restoreConfig.ClientId = $"{clientId}-restore-consumer";
        restoreConfig.EnableAutoCommit = false;
        restoreConfig.AutoOffsetReset = AutoOffsetReset.Earliest;
        restoreConfig.EnablePartitionEof = true;
        restoreConfig.IsolationLevel = exactlyOnce ? IsolationLevel.ReadCommitted : IsolationLevel.ReadUncommitted;
        KafkaClientDefaults.ForBulkRead(restoreConfig);
        var restorer = new StateRestorer(restoreConfig, engine.Metrics, config.RestoreBatchSize, logger, engine.RestoreListener);
        return new ThreadClients(consumer, collector, restorer, liveness);
    }

    public void Dispose()
    {
        Consumer.Dispose();
        Restorer.Dispose();
        Collector.Dispose();
    }
}
