using System.Text.Json;
using System.Text.Json.Nodes;
using OrderStreams.SchemaRegistry.Tests.Support;

namespace OrderStreams.SchemaRegistry.Tests.Interop;

/// <summary>
/// @kafkajs/confluent-schema-registry (installed with <c>npm ci</c> from the committed lock file into the test
/// output folder, once per run) driven through <c>Interop/node/interop.js</c>.
/// </summary>
internal static class NodeRegistryClient
{
    private const string InstallHint = "Install Node.js 18+ with npm (Debian: apt-get install -y nodejs npm).";

    private static readonly Lazy<Task> Installed = new(InstallAsync);

    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Interop", "node");

    public static async Task<JsonObject> RunAsync(string registryUrl, string command, JsonObject request)
    {
        await Installed.Value;
        var result = await ExternalProcess.RunAsync("node", ["interop.js", registryUrl, command], Folder, request.ToJsonString(), InstallHint);
        Assert.True(result.ExitCode == 0, $"node interop.js {command} failed: {result}");
        return JsonNode.Parse(result.StandardOutput)?.AsObject() ?? throw new JsonException($"node printed no JSON: {result}");
    }

    private static async Task InstallAsync()
    {
        if (File.Exists(Path.Combine(Folder, "node_modules", "@kafkajs", "confluent-schema-registry", "package.json"))) return;
        var result = await ExternalProcess.RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], Folder, installHint: InstallHint);
        if (result.ExitCode != 0) throw new InvalidOperationException($"npm ci in {Folder} failed: {result}");
    }
}
