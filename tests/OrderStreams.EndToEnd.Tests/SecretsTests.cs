using System.Net;
using System.Text;
using OrderStreams.EndToEnd.Tests.Platform;
using OrderStreams.Testing.Brokers;

namespace OrderStreams.EndToEnd.Tests;

/// <summary>Credentials a service is configured with never reach its log, its endpoints or its <c>/metrics</c>.</summary>
public sealed class SecretsTests : IAsyncLifetime
{
    private SingleBroker broker = null!;

    public async Task InitializeAsync() => broker = await SingleBroker.StartAsync("secrets");

    public async Task DisposeAsync() => await broker.DisposeAsync();

    [EmbeddedBrokerFact("passes credentials in the embedded broker's control endpoint URL")]
    public async Task Service_ConfiguredWithCredentials_NeverShowsThemInLogsEndpointsOrMetrics()
    {
        var saslPassword = $"sasl-{Guid.NewGuid():N}";
        var registryPassword = $"registry-{Guid.NewGuid():N}";
        var urlPassword = $"url-{Guid.NewGuid():N}";
        var keyPassword = $"key-{Guid.NewGuid():N}";
        string[] secrets =
        [
            saslPassword, registryPassword, urlPassword, keyPassword,
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"registry-user:{registryPassword}")),
        ];
        var registryUrl = new UriBuilder(broker.Registry.Url) { UserName = "url-user", Password = urlPassword }.Uri;
        using var service = ServiceInstance.Start("payment-completion", "services/OrderStreams.PaymentCompletion", "OrderStreams.PaymentCompletion", new Dictionary<string, string>
        {
            ["Kafka__BootstrapServers"] = broker.Broker.BootstrapServers,
            ["Kafka__EmbeddedAdminUrl"] = new UriBuilder(broker.Broker.EmbeddedControl.Url) { UserName = "admin", Password = urlPassword }.Uri.ToString(),
            // The embedded broker speaks plaintext: librdkafka is given the SASL settings and warns that it ignores them.
            ["Kafka__SaslMechanism"] = "PLAIN",
            ["Kafka__SaslUsername"] = "kafka-user",
            ["Kafka__SaslPassword"] = saslPassword,
            ["Kafka__Settings__ssl.key.password"] = keyPassword,
            ["SchemaRegistry__Url"] = registryUrl.ToString(),
            ["SchemaRegistry__BasicAuthUserInfo"] = $"registry-user:{registryPassword}",
            ["Logging__LogLevel__Default"] = "Debug",
        }, broker.WorkDirectory);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        await Eventually.Until(async () =>
        {
            if (service.HasExited) throw new InvalidOperationException(service.LogTail());
            try
            {
                using var response = await http.GetAsync(new Uri(service.Url, "/readyz"));
                return response.StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromMinutes(3), () => service.LogTail());
        var answers = new List<string>();
        foreach (var path in new[] { "/metrics", "/readyz", "/healthz", "/orders/none" })
            answers.Add(await (await http.GetAsync(new Uri(service.Url, path))).Content.ReadAsStringAsync());

        service.Stop();
        var log = service.LogTail(int.MaxValue);

        Assert.Contains("# TYPE streams_", answers[0], StringComparison.Ordinal);
        Assert.Contains("Application is shutting down", log, StringComparison.Ordinal);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, log, StringComparison.Ordinal);
            Assert.All(answers, answer => Assert.DoesNotContain(secret, answer, StringComparison.Ordinal));
        }
    }
}
