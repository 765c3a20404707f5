using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrderStreams.Kafka.Embedded;
using OrderStreams.Testing;

namespace OrderStreams.Kafka.Tests.Embedded;

[Collection(EmbeddedKafkaCollection.Name)]
public sealed class EmbeddedClusterControlTests(EmbeddedKafkaFixture kafka)
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

    [Fact]
    public async Task CreateTopic_NameOfTheMaximumLengthAndBrokerCountReplicas_IsCreated()
    {
        using var http = new HttpClient { BaseAddress = kafka.Control.Url };
        var name = EmbeddedKafkaFixture.UniqueName("max").PadRight(249, 'x');

        using var created = await http.PostAsJsonAsync("topics", new TopicRequest(name, 1, kafka.Cluster.BrokerCount));
        using var tooLong = await http.PostAsJsonAsync("topics", new TopicRequest(name + "x", 1));
        using var brokerDefault = await http.PostAsJsonAsync("topics", new TopicRequest(EmbeddedKafkaFixture.UniqueName("default"), 1, -1));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("has 250 characters", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, brokerDefault.StatusCode);
    }

    [Fact]
    public async Task Post_NotJson_AnswersBadRequestAndKeepsServing()
    {
        using var http = new HttpClient { BaseAddress = kafka.Control.Url };

        using var invalid = await http.PostAsync("topics", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        using var listed = await http.GetAsync("topics");

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("Invalid JSON", await invalid.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
    }
}
