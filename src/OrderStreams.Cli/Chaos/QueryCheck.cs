using System.Net;
using System.Text.Json;
using OrderStreams.Contracts.Views;

namespace OrderStreams.Cli.Chaos;

/// <summary>
/// Asks the platform's query gateway about sampled orders, branches and drivers and compares each answer with the
/// topics: an order's status, a branch's live orders, a driver's orders and their statuses. An answer 503 (stores
/// restoring, partitions moving between instances) is asked again for up to half a minute.
/// </summary>
internal sealed class QueryCheck(Uri gateway, OrderLedger ledger, Random random)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private static readonly TimeSpan RetryFor = TimeSpan.FromSeconds(30);

    public int Asked { get; private set; }

    public List<string> Failures { get; } = [];

    public async Task RunAsync(int orders, int branches, int drivers, CancellationToken cancellationToken)
    {
        var placed = ledger.Orders.Values.Where(o => o.Placed is not null).OrderBy(o => o.OrderId).ToList();
        foreach (var order in Sample(placed, orders))
        {
            var expected = Symbol(order.ExpectedStatus);
            await AskAsync($"orders/{order.OrderId}", answer => answer.GetProperty("status").GetString() is var status && status != expected
                ? $"status {status}, the topics say {expected}"
                : null, cancellationToken);
        }
        foreach (var branch in Sample(placed.Select(o => o.CurrentBranch!).Distinct().Order(StringComparer.Ordinal).ToList(), branches))
        {
            var live = placed.Where(o => o.CurrentBranch == branch && o.Outcomes.Count == 0).Select(o => o.OrderId).ToHashSet();
            await AskAsync($"branches/{branch}/orders", answer => SameOrders(answer, live), cancellationToken);
        }
        var byDriver = placed.Where(o => o.Driver is not null).GroupBy(o => o.Driver!).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        foreach (var driver in Sample(byDriver, drivers))
            await AskAsync($"drivers/{driver.Key}/orders", answer => SameOrders(answer, driver.Select(o => o.OrderId).ToHashSet()), cancellationToken);
    }

    private async Task AskAsync(string path, Func<JsonElement, string?> difference, CancellationToken cancellationToken)
    {
        Asked++;
        var url = new Uri(gateway, "query/denormaliser/" + path);
        var deadline = DateTime.UtcNow + RetryFor;
        while (true)
        {
            try
            {
                using var response = await Http.GetAsync(url, cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                    continue;
                }
                var problem = response.IsSuccessStatusCode ? difference(JsonDocument.Parse(body).RootElement) : $"answered {(int)response.StatusCode}: {body}";
                if (problem is not null) Failures.Add($"GET /{path}: {problem}");
                return;
            }
            catch (Exception e) when (e is HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException
                                          || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                Failures.Add($"GET /{path}: {e.Message}");
                return;
            }
        }
    }

    /// <summary>Whether an answer lists exactly <paramref name="expected"/>, each with the status the topics give it.</summary>
    private string? SameOrders(JsonElement answer, IReadOnlySet<Guid> expected)
    {
        var listed = answer.EnumerateArray().Select(v => (Id: v.GetProperty("orderId").GetGuid(), Status: v.GetProperty("status").GetString())).ToList();
        var missing = expected.Except(listed.Select(v => v.Id)).ToList();
        var extra = listed.Select(v => v.Id).Except(expected).ToList();
        var wrong = listed.Where(v => ledger.Orders.TryGetValue(v.Id, out var o) && v.Status != Symbol(o.ExpectedStatus)).ToList();
        if (missing.Count == 0 && extra.Count == 0 && wrong.Count == 0) return null;
        return $"{missing.Count} orders missing ({string.Join(", ", missing.Take(3))}), {extra.Count} not expected ({string.Join(", ", extra.Take(3))}), "
               + $"{wrong.Count} with another status ({string.Join(", ", wrong.Take(3).Select(w => $"{w.Id} {w.Status}"))})";
    }

    private IEnumerable<T> Sample<T>(IReadOnlyList<T> items, int count) =>
        items.Count <= count ? items : items.OrderBy(_ => random.Next()).Take(count).ToList();

    private static string Symbol(OrderStatus status) => JsonNamingPolicy.SnakeCaseUpper.ConvertName(status.ToString());
}
