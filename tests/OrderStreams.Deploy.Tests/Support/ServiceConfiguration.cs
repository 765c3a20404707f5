using System.Collections;
using System.ComponentModel;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;

namespace OrderStreams.Deploy.Tests.Support;

/// <summary>
/// Whether a service reads every environment variable a container sets, judged by the code: a variable
/// <c>Section__Property</c> must land, with its value, on the options object the service's own wiring binds (found
/// by reflection over the types with a <c>Section</c> constant); a variable naming a whole section that is no options
/// type (<c>BranchRouting</c>) must make the service refuse an invalid value; host settings are ASP.NET Core's
/// <c>urls</c> and the logging levels; OpenTelemetry's <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> must reach the OTLP exporter.
/// </summary>
internal static partial class ServiceConfiguration
{
    private const string InvalidValue = "=not=a=valid=value=";

    /// <summary>One line per variable the service would not read, or would not take as given.</summary>
    public static IReadOnlyList<string> Problems(DeployedService service, IReadOnlyDictionary<string, string> environment)
    {
        var problems = new List<string>();
        using var app = service.Build(environment);
        foreach (var (variable, value) in environment)
        {
            var segments = variable.Split("__");
            if (segments.Length == 1 && string.Equals(variable, WebHostDefaults.ServerUrlsKey, StringComparison.OrdinalIgnoreCase)) continue;
            if (segments is ["Logging", "LogLevel", _])
            {
                if (!Enum.TryParse<LogLevel>(value, out _)) problems.Add($"{variable}={value}: not a log level.");
                continue;
            }
            if (variable == "OTEL_EXPORTER_OTLP_ENDPOINT")
            {
                var endpoint = app.Services.GetService<IOptionsMonitor<OtlpExporterOptions>>()?.Get(Options.DefaultName).Endpoint;
                if (endpoint != new Uri(value)) problems.Add($"{variable}={value}: the service's OTLP exporter sends to {endpoint?.ToString() ?? "nowhere"}.");
                continue;
            }
            var sectionType = SectionType(service, segments[0]);
            if (sectionType is null)
            {
                problems.Add($"{variable}: {service.Name} reads no configuration section '{segments[0]}'.");
            }
            else if (sectionType.GetConstructor(Type.EmptyTypes) is null)
            {
                if (segments.Length > 1 || !RefusesInvalid(service, environment, variable))
                    problems.Add($"{variable}: {service.Name} does not read it ({sectionType.Name} is read as a whole value, and an invalid one went unnoticed).");
            }
            else
            {
                problems.AddRange(CheckBound(app.Services, sectionType, segments[1..], variable, value));
            }
        }
        return problems;
    }

    private static Type? SectionType(DeployedService service, string section) =>
        service.ConfigurationAssemblies.SelectMany(a => a.GetTypes())
            .FirstOrDefault(t => t.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field
                && string.Equals((string?)field.GetRawConstantValue(), section, StringComparison.OrdinalIgnoreCase));

    private static bool RefusesInvalid(DeployedService service, IReadOnlyDictionary<string, string> environment, string variable)
    {
        try
        {
            using var app = service.Build(new Dictionary<string, string>(environment) { [variable] = InvalidValue });
            return false;
        }
        catch (FormatException)
        {
            return true;
        }
    }

    private static IEnumerable<string> CheckBound(IServiceProvider services, Type sectionType, string[] path, string variable, string value)
    {
        object? current;
        try
        {
            var options = services.GetService(typeof(IOptions<>).MakeGenericType(sectionType))!;
            current = options.GetType().GetProperty(nameof(IOptions<object>.Value))!.GetValue(options);
        }
        catch (TargetInvocationException e) when (e.InnerException is OptionsValidationException invalid)
        {
            return [$"{variable}={value}: rejected: {invalid.Message}"];
        }

        var type = sectionType;
        for (var i = 0; i < path.Length; i++)
        {
            if (current is IDictionary dictionary)
            {
                var key = string.Join(":", path[i..]);
                return dictionary.Contains(key) && Equals(dictionary[key], value) ? [] : [$"{variable}: not bound to {type.Name}['{key}'] by the service."];
            }
            if (current is IList list && int.TryParse(path[i], out var index))
            {
                if (index >= list.Count) return [$"{variable}: entry {index} is not bound by the service."];
                current = list[index];
                type = current?.GetType() ?? typeof(object);
                continue;
            }
            var property = type.GetProperty(path[i], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null) return [$"{variable}: {type.Name} has no property '{path[i]}'."];
            current = property.GetValue(current);
            type = property.PropertyType;
        }
        return Matches(current, type, value) ? [] : [$"{variable}={value}: the service's {sectionType.Name} holds '{current}' instead."];
    }

    /// <summary>Compares as the binder converts; <c>{ip}</c> (expanded by the host) matches any IPv4 address.</summary>
    private static bool Matches(object? bound, Type type, string value)
    {
        if (value.Contains("{ip}", StringComparison.Ordinal))
            return bound is string text && Regex.IsMatch(text, "^" + Regex.Escape(value).Replace(Regex.Escape("{ip}"), IPv4().ToString(), StringComparison.Ordinal) + "$");
        var target = Nullable.GetUnderlyingType(type) ?? type;
        var expected = target == typeof(string) ? value : TypeDescriptor.GetConverter(target).ConvertFromInvariantString(value);
        return Equals(bound, expected);
    }

    [GeneratedRegex(@"\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}")]
    private static partial Regex IPv4();
}
