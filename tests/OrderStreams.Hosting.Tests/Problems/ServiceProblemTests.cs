using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using OrderStreams.Hosting.Problems;

namespace OrderStreams.Hosting.Tests.Problems;

public sealed class ServiceProblemTests
{
    [Fact]
    public async Task NotFound_FromEndpoint_ProblemJsonWithMessageTitleAndTraceId()
    {
        await using var app = await TestApp.StartAsync(map: app =>
            app.MapGet("/orders/{id}", (string id) => ServiceProblem.NotFound($"No order {id}.")));

        var response = await app.Client.GetAsync("/orders/o-42");
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("No order o-42.", problem.GetProperty("detail").GetString());
        Assert.Equal("Not Found", problem.GetProperty("title").GetString());
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
    }

    [Fact]
    public async Task Invalid_FromEndpoint_400WithFieldErrors()
    {
        await using var app = await TestApp.StartAsync(map: app =>
            app.MapPost("/orders", () => ServiceProblem.Invalid("The order is incomplete.", new Dictionary<string, string[]> { ["branchId"] = ["Required."] })));

        var response = await app.Client.PostAsync("/orders", null);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("The order is incomplete.", problem.GetProperty("detail").GetString());
        Assert.Equal("Required.", problem.GetProperty("errors").GetProperty("branchId")[0].GetString());
    }

    [Theory]
    [InlineData(409)]
    [InlineData(503)]
    public void Status_AnyCode_ProblemWithThatStatusAndMessage(int status)
    {
        var result = status == 409 ? ServiceProblem.Conflict("busy") : ServiceProblem.Unavailable("busy");

        Assert.Equal((status, "busy"), (result.StatusCode, result.ProblemDetails.Detail));
    }
}
