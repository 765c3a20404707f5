using Confluent.SchemaRegistry;

namespace OrderStreams.SchemaRegistry.Tests;

public sealed class SchemaRegistrySettingsTests
{
    [Fact]
    public void ToConfluentConfig_EverySetting_PassesThroughUnderConfluentsKeys()
    {
        var config = new SchemaRegistrySettings
        {
            Url = "https://registry:8081",
            BasicAuthUserInfo = "svc:secret",
            RequestTimeoutMs = 5000,
            MaxRetries = 1,
            SslCaLocation = "/etc/ca.pem",
            SslKeystoreLocation = "/etc/client.p12",
            SslKeystorePassword = "changeit",
            EnableSslCertificateVerification = false,
        }.ToConfluentConfig().ToDictionary();

        Assert.Equal("https://registry:8081", config["schema.registry.url"]);
        Assert.Equal("USER_INFO", config["schema.registry.basic.auth.credentials.source"]);
        Assert.Equal("svc:secret", config["schema.registry.basic.auth.user.info"]);
        Assert.Equal("5000", config["schema.registry.request.timeout.ms"]);
        Assert.Equal("1", config["schema.registry.max.retries"]);
        Assert.Equal("/etc/ca.pem", config["schema.registry.ssl.ca.location"]);
        Assert.Equal("/etc/client.p12", config["schema.registry.ssl.keystore.location"]);
        Assert.Equal("changeit", config["schema.registry.ssl.keystore.password"]);
        Assert.Equal("false", config["schema.registry.enable.ssl.certificate.verification"], ignoreCase: true);
    }

    [Fact]
    public void ToConfluentConfig_OnlyUrl_LeavesConfluentsDefaults()
    {
        var config = new SchemaRegistrySettings { Url = "http://127.0.0.1:8081" }.ToConfluentConfig().ToDictionary();

        Assert.Equal(["schema.registry.url"], config.Keys);
    }

    [Fact]
    public void CreateClient_Settings_ClientCarriesThem()
    {
        using var client = new SchemaRegistrySettings { Url = "http://127.0.0.1:8081", MaxRetries = 2 }.CreateClient();

        Assert.IsType<CachedSchemaRegistryClient>(client);
        Assert.Contains(new KeyValuePair<string, string>("schema.registry.max.retries", "2"), client.Config);
    }
}
