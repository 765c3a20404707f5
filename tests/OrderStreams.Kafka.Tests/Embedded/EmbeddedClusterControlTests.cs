using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Confluent.Kafka;
using OrderStreams.Kafka.Embedded;
using OrderStreams.Testing;
using OrderStreams.Testing.Brokers;

namespace OrderStreams.Kafka.Tests.Embedded;

[Collection(EmbeddedKafkaCollection.Name)]
public sealed class EmbeddedClusterControlTests(TestBrokerFixture kafka)
{
    [Theory]
    [InlineData("bad name/with*chars", 3, null, "contains ' '")]
    [InlineData("umlaut-ä", 3, null, "contains 'ä'")]
    [InlineData(".", 3, null, "cannot be '.'")]
    [InlineData("..", 3, null, "cannot be '..'")]
    [InlineData("", 3, null, "name is missing")]
    [InlineData("fine", 0, null, "partition count is 0")]
    [InlineData("fine", 3, 0, "replication factor is 0")]
    [InlineData("fine", 3, 99, "replication factor is 99")]
    public async Task CreateTopic_WhatKafkaRefuses_AnswersBadRequestWithTheReason(string name, int partitions, int? replicationFactor, string reason)
    {
        using var http = new HttpClient { BaseAddress = kafka.Control.Url };

        using var response = await http.PostAsJsonAsync("topics", new TopicRequest(name, partitions, replicationFactor));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Contains(reason, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain(name, kafka.Cluster.Topics.Keys);
    }

    [EmbeddedBrokerFact("tests the embedded broker's control endpoint")]
    public async Task CreateTopic_NameOfTheMaximumLengthAndBrokerCountReplicas_IsCreated()
    {
        using var http = new HttpClient { BaseAddress = kafka.Control.Url };
        var name = TestBrokerFixture.UniqueName("max").PadRight(249, 'x');

        using var created = await http.PostAsJsonAsync("topics", new TopicRequest(name, 1, kafka.Cluster.BrokerCount));
        using var tooLong = await http.PostAsJsonAsync("topics", new TopicRequest(name + "x", 1));
        using var brokerDefault = await http.PostAsJsonAsync("topics", new TopicRequest(TestBrokerFixture.UniqueName("default"), 1, -1));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("has 250 characters", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, brokerDefault.StatusCode);
    }

    [EmbeddedBrokerFact("tests the embedded broker's control endpoint")]
    public async Task Post_NotJson_AnswersBadRequestAndKeepsServing()
    {
        using var http = new HttpClient { BaseAddress = kafka.Control.Url };

        using var invalid = await http.PostAsync("topics", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        using var listed = await http.GetAsync("topics");

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("Invalid JSON", await invalid.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
    }

    [EmbeddedBrokerFact("tests the embedded broker's control endpoint")]
    public async Task BrokerDownAndUp_ForTenSecondsWhileProducing_EveryRecordArrivesOnce()
    {
        using var http = new HttpClient { BaseAddress = kafka.Control.Url };
        var topic = kafka.CreateTopic("outage", partitions: 3);
        const int records = 200;

        using (var producer = new ProducerBuilder<string, string>(kafka.ProducerConfig()).Build())
        {
            for (var i = 0; i < records; i++)
            {
                if (i == 20) Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("brokers/1/down", null)).StatusCode);
                if (i == 180) Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("brokers/1/up", null)).StatusCode);
                producer.Produce(topic, new Message<string, string> { Key = $"k{i}", Value = $"{i}" });
                // 160 records over 10 s with broker 1 down.
                if (i is >= 20 and < 180) await Task.Delay(TimeSpan.FromMilliseconds(62.5));
            }
            Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(60)));
        }

        using var consumer = new ConsumerBuilder<string, string>(kafka.ConsumerConfig(TestBrokerFixture.UniqueName("outage"))).Build();
        consumer.Subscribe(topic);
        var received = new List<string>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (received.Count < records && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } result) received.Add(result.Message.Value);
        }
        consumer.Close();

        Assert.Equal(Enumerable.Range(0, records).Select(i => $"{i}").Order(), received.Order());
    }

    [EmbeddedBrokerFact("tests the embedded broker's control endpoint")]
    public async Task Errors_RetriableProduceErrorsInjected_TheProducerRetriesAndDelivers()
    {
        using var http = new HttpClient { BaseAddress = kafka.Control.Url };
        var topic = kafka.CreateTopic("injected", partitions: 1);
        const short produce = 0;
        const int notLeader = 6;

        using var injected = await http.PostAsJsonAsync("errors", new { apiKey = produce, errorCodes = new[] { notLeader, notLeader } });
        using var producer = new ProducerBuilder<string, string>(kafka.ProducerConfig()).Build();
        var delivered = await producer.ProduceAsync(topic, new Message<string, string> { Key = "k", Value = "v" });

        Assert.Equal(HttpStatusCode.OK, injected.StatusCode);
        Assert.Equal(PersistenceStatus.Persisted, delivered.Status);
        Assert.Equal(0, delivered.Offset.Value);
    }

    [EmbeddedBrokerFact("tests the embedded broker's control endpoint")]
    public async Task Coordinators_GroupCoordinatorMovedTwice_TheMemberCommitsOnAndItsOffsetsStay()
    {
        using var http = new HttpClient { BaseAddress = kafka.Control.Url };
        var topic = kafka.CreateTopic("coordinated", partitions: 1);
        var group = TestBrokerFixture.UniqueName("coordinated");
        using (var producer = new ProducerBuilder<string, string>(kafka.ProducerConfig()).Build())
        {
            for (var i = 0; i < 30; i++) producer.Produce(topic, new Message<string, string> { Key = "k", Value = $"{i}" });
            Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(30)));
        }

        var config = kafka.ConsumerConfig(group);
        config.EnableAutoCommit = false;
        using (var consumer = new ConsumerBuilder<string, string>(config).Build())
        {
            consumer.Subscribe(topic);
            for (var move = 0; move < 3; move++)
            {
                for (var i = 0; i < 10; i++) consumer.Commit(Consume(consumer));
                if (move == 2) break;
                using var moved = await http.PostAsJsonAsync("coordinators", new { keyType = "group", key = group, broker = 2 + move });
                Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
            }
            consumer.Close();
        }
        using var reader = new ConsumerBuilder<Ignore, Ignore>(kafka.ConsumerConfig(group)).Build();
        var committed = reader.Committed([new TopicPartition(topic, 0)], TimeSpan.FromSeconds(30)).Single().Offset.Value;

        Assert.Equal(30, committed);
    }

    private static ConsumeResult<string, string> Consume(IConsumer<string, string> consumer)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } record) return record;
        }
        throw new TimeoutException("No record within a minute.");
    }

    [Theory]
    [InlineData("coordinators", "{\"keyType\": \"cluster\", \"key\": \"g\", \"broker\": 1}", HttpStatusCode.BadRequest)]
    [InlineData("coordinators", "{\"keyType\": \"group\", \"key\": \"\", \"broker\": 1}", HttpStatusCode.BadRequest)]
    [InlineData("coordinators", "{\"keyType\": \"group\", \"key\": \"g\", \"broker\": 99}", HttpStatusCode.BadRequest)]
    [InlineData("brokers/0/down", "", HttpStatusCode.NotFound)]
    [InlineData("brokers/99/up", "", HttpStatusCode.NotFound)]
    [InlineData("brokers/1/sideways", "", HttpStatusCode.NotFound)]
    [InlineData("errors", "{\"apiKey\": 0, \"errorCodes\": []}", HttpStatusCode.BadRequest)]
    [InlineData("errors", "{\"apiKey\": -1, \"errorCodes\": [6]}", HttpStatusCode.BadRequest)]
    [InlineData("records/delete", "{\"partitions\": []}", HttpStatusCode.BadRequest)]
    [InlineData("records/delete", "{\"partitions\": [{\"topic\": \"t\", \"partition\": 0, \"beforeOffset\": -1}]}", HttpStatusCode.BadRequest)]
    [InlineData("records/delete", "{\"partitions\": [{\"topic\": \"no-such-topic\", \"partition\": 0, \"beforeOffset\": 1}]}", HttpStatusCode.Conflict)]
    public async Task Faults_InvalidRequest_AreRefusedWithTheReason(string path, string body, HttpStatusCode status)
    {
        using var http = new HttpClient { BaseAddress = kafka.Control.Url };

        using var response = await http.PostAsync(path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(status, response.StatusCode);
        Assert.False(string.IsNullOrEmpty(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString()));
    }
}
