using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using OrderStreams.BranchAssignment;
using OrderStreams.Denormaliser;
using OrderStreams.DriverAssignment;
using OrderStreams.Hosting;
using OrderStreams.OrderFlow;
using OrderStreams.PaymentCompletion;
using OrderStreams.Testing;

namespace OrderStreams.Deploy.Tests.Support;

/// <summary>
/// A topology service as the deployment files run it, wired as its <c>Program.cs</c> wires it: service defaults, then
/// the service's own <c>Add…</c> extension, with its <c>appsettings.json</c> and the environment a container gives it.
/// </summary>
internal sealed record DeployedService(string Name, string ProjectDirectory, Action<IHostApplicationBuilder> Add, Assembly Code)
{
    public static IReadOnlyList<DeployedService> All { get; } =
    [
        new(PaymentCompletionService.Name, "services/OrderStreams.PaymentCompletion", b => b.AddPaymentCompletion(), typeof(PaymentCompletionService).Assembly),
        new(BranchAssignmentService.Name, "services/OrderStreams.BranchAssignment", b => b.AddBranchAssignment(), typeof(BranchAssignmentService).Assembly),
        new(DriverAssignmentService.Name, "services/OrderStreams.DriverAssignment", b => b.AddDriverAssignment(), typeof(DriverAssignmentService).Assembly),
        new(DenormaliserService.Name, "services/OrderStreams.Denormaliser", b => b.AddDenormaliser(), typeof(DenormaliserService).Assembly),
    ];

    public static DeployedService Named(string name) => All.Single(s => s.Name == name);

    public string AssemblyName => Code.GetName().Name!;

    public string ProjectFile => $"{ProjectDirectory}/{AssemblyName}.csproj";

    public string AppSettingsPath => RepositoryPaths.Of(ProjectDirectory, "appsettings.json");

    /// <summary>The port of <c>Urls</c> in its appsettings.json.</summary>
    public int Port
    {
        get
        {
            using var settings = JsonDocument.Parse(File.ReadAllText(AppSettingsPath));
            return new Uri(settings.RootElement.GetProperty("Urls").GetString()!).Port;
        }
    }

    /// <summary>The assemblies whose types with a <c>Section</c> constant name the configuration sections the service can read.</summary>
    public IReadOnlyList<Assembly> ConfigurationAssemblies => [Code, typeof(ServiceDefaults).Assembly, typeof(BranchRoutingTable).Assembly];

    /// <summary>Builds (does not start) the service with its appsettings.json and <paramref name="environment"/> (variables as a container sets them).</summary>
    public WebApplication Build(IReadOnlyDictionary<string, string> environment)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production, ContentRootPath = RepositoryPaths.Of(ProjectDirectory) });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddJsonFile(AppSettingsPath, optional: false);
        builder.Configuration.AddInMemoryCollection(environment.Select(e => new KeyValuePair<string, string?>(e.Key.Replace("__", ":", StringComparison.Ordinal), e.Value)));
        builder.AddServiceDefaults();
        Add(builder);
        var app = builder.Build();
        app.MapServiceDefaults();
        return app;
    }

    /// <summary>The paths the service maps (route patterns of its endpoints).</summary>
    public IReadOnlyList<string> MappedPaths()
    {
        using var app = Build(new Dictionary<string, string>());
        return ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/')).ToList();
    }
}
