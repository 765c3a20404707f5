using System.Net;
using System.Text.Json;
using OrderStreams.Contracts.Views;
using OrderStreams.EndToEnd.Tests.Platform;
using OrderStreams.EndToEnd.Tests.Reference;

namespace OrderStreams.EndToEnd.Tests;

/// <summary>The denormaliser's query API, asked of both instances in turn, against the reference.</summary>
[Collection(PipelineCollection.Name)]
public sealed class QueryApiTests(PipelinePlatform platform)
{
    private readonly ReferenceModel reference = new(platform.Inputs, PipelinePlatform.MaxAttempts);

    [Fact]
    public async Task GetOrder_EveryOrder_EqualsTheReference()
    {
        var actual = new System.Collections.Concurrent.ConcurrentDictionary<Guid, ViewFacts>();
        await Parallel.ForEachAsync(reference.Orders.Keys, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, _) =>
            actual[id] = ViewFacts.Of(await platform.Queries.GetJsonAsync($"/orders/{id}")));

        PipelineTests.AssertSameFacts(reference.Orders.Keys.ToDictionary(id => id, reference.Final), actual);
    }

    [Fact]
    public void WhileJobsWereHeld_EachBranchListedExactlyItsLiveOrders()
    {
        foreach (var branch in reference.Branches.Keys)
        {
            var live = Held().Where(o => o.FinalBranchId == branch).ToDictionary(o => o.Order.OrderId, o => o.WithDriverFacts(reference.Branches, reference.Drivers));

            PipelineTests.AssertSameFacts(live, Facts(platform.FirstStepAnswers[$"/branches/{branch}/orders"]));
            PipelineTests.AssertSameFacts(live, Facts(platform.FirstStepAnswers[$"/branches/{branch}/orders?status=DRIVER_ASSIGNED"]));
            Assert.Empty(platform.FirstStepAnswers[$"/branches/{branch}/orders?status=placed"].EnumerateArray());
        }
    }

    [Fact]
    public void WhileJobsWereHeld_DriversListedTheirDeliveredAndCurrentOrders()
    {
        var held = Held().ToList();
        foreach (var driverId in held.Select(o => o.Delivered!.DriverId).Distinct())
        {
            var expected = reference.Orders.Values
                .Where(o => o.Delivered?.DriverId == driverId && platform.DeliveredInFirstStep.Contains(o.Order.OrderId))
                .Select(o => (o.Order.OrderId, Facts: o.FinalFacts(reference.Branches, reference.Drivers)))
                .Concat(held.Where(o => o.Delivered!.DriverId == driverId).Select(o => (o.Order.OrderId, Facts: o.WithDriverFacts(reference.Branches, reference.Drivers))))
                .ToDictionary(e => e.OrderId, e => e.Facts);

            PipelineTests.AssertSameFacts(expected, Facts(platform.FirstStepAnswers[$"/drivers/{driverId}/orders"]));
        }
        Assert.All(held, o => Assert.Equal(o.WithDriverFacts(reference.Branches, reference.Drivers), ViewFacts.Of(platform.FirstStepAnswers[$"/orders/{o.Order.OrderId}"])));
    }

    [Fact]
    public async Task AtTheEnd_NoBranchHasLiveOrders_AndEveryDriverListsWhatTheyDelivered()
    {
        foreach (var branch in reference.Branches.Keys)
            Assert.Empty((await platform.Queries.GetJsonAsync($"/branches/{branch}/orders")).EnumerateArray());
        foreach (var driverId in reference.Drivers.Keys)
        {
            var expected = reference.Orders.Values.Where(o => o.Delivered?.DriverId == driverId).ToDictionary(o => o.Order.OrderId, o => o.FinalFacts(reference.Branches, reference.Drivers));
            var answer = await platform.Queries.GetJsonAsync($"/drivers/{driverId}/orders");

            PipelineTests.AssertSameFacts(expected, Facts(answer));
            var placed = answer.EnumerateArray().Select(v => v.GetProperty("placedAt").GetDateTimeOffset()).ToList();
            Assert.Equal(placed.Order(), placed);
        }
    }

    [Theory]
    [InlineData("/orders/not-an-id", HttpStatusCode.BadRequest, "is not an order id")]
    [InlineData("/orders/00000000-0000-4000-8000-000000000000", HttpStatusCode.NotFound, "No order 00000000-0000-4000-8000-000000000000")]
    [InlineData("/branches/branch-00/orders?status=COOKING", HttpStatusCode.BadRequest, "use one of PLACED, PAID")]
    [InlineData("/branches/a-branch-id-longer-than-any-branch-id-could-be-a-branch-id-longer-than-any-branch-id-could-be-a-branch-id-longer-than-any-branch-id-could-be-a-branch-id-longer-than-any-branch-id-could-be-xxxxxxxxxxxxx/orders", HttpStatusCode.BadRequest, "is not a branch id")]
    [InlineData("/drivers/%01x/orders", HttpStatusCode.BadRequest, "is not a driver id")]
    [InlineData("/no-such-thing", HttpStatusCode.NotFound, "Nothing at GET /no-such-thing")]
    public async Task BadRequest_AnswersProblemJsonWithAMessage_NeverAStackTrace(string pathAndQuery, HttpStatusCode status, string message)
    {
        var (actual, contentType, body) = await platform.Queries.GetAsync(pathAndQuery);

        Assert.Equal(status, actual);
        Assert.Equal("application/problem+json", contentType);
        Assert.Contains(message, JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString());
        Assert.DoesNotContain(" at ", body.Replace(" at GET ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
    }

    private IEnumerable<ExpectedOrder> Held() => platform.HeldJobs.Select(j => reference.Orders[j.OrderId]);

    private static Dictionary<Guid, ViewFacts> Facts(JsonElement list) =>
        list.EnumerateArray().Select(ViewFacts.Of).ToDictionary(f => f.OrderId);
}
