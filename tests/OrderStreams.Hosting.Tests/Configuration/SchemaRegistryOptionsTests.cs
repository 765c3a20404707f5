using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrderStreams.Hosting.Configuration;

namespace OrderStreams.Hosting.Tests.Configuration;

public sealed class SchemaRegistryOptionsTests
{
    [Theory]
    [InlineData(null, null, "SchemaRegistry:Url (environment variable SchemaRegistry__Url) is required")]
    [InlineData("localhost:8081", null, "SchemaRegistry:Url (environment variable SchemaRegistry__Url) must be an http(s) URL")]
    [InlineData("http://localhost:8081", "no-colon", "SchemaRegistry:BasicAuthUserInfo (environment variable SchemaRegistry__BasicAuthUserInfo) must be user:password")]
    public async Task AddValidatedOptions_Invalid_HostStartFailsWithTheMessage(string? url, string? userInfo, string expected)
    {
        using var host = Build(url, userInfo);

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddValidatedOptions_Valid_Bound()
    {
        using var host = Build("http://registry:8081", "svc:pw");

        var options = host.Services.GetRequiredService<IOptions<SchemaRegistryOptions>>().Value;

        Assert.Equal(("http://registry:8081", "svc:pw"), (options.Url, options.BasicAuthUserInfo));
    }

    private static IHost Build(string? url, string? userInfo)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SchemaRegistry:Url"] = url,
            ["SchemaRegistry:BasicAuthUserInfo"] = userInfo,
        });
        builder.AddValidatedOptions<SchemaRegistryOptions>(SchemaRegistryOptions.Section);
        return builder.Build();
    }
}
