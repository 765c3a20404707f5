using System.Net.Mime;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrderStreams.SchemaRegistry.Server.Rest;
using OrderStreams.SchemaRegistry.Server.Storage;

namespace OrderStreams.SchemaRegistry.Server.Http;

/// <summary>Request parsing, response writing and the error middleware shared by the endpoints.</summary>
internal static class RegistryHttp
{
    private static readonly string[] AcceptedBodyTypes =
    [
        RestJson.MediaType, "application/vnd.schemaregistry+json", MediaTypeNames.Application.Json, MediaTypeNames.Application.Octet,
    ];

    public static async Task WriteAsync<T>(HttpContext context, T body, JsonTypeInfo<T> type, int status = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = RestJson.MediaType;
        await JsonSerializer.SerializeAsync(context.Response.Body, body, type, context.RequestAborted);
    }

    public static Task WriteErrorAsync(HttpContext context, int status, int errorCode, string message) =>
        WriteAsync(context, new ErrorResponse(errorCode, message), RestJson.Wire.ErrorResponse, status);

    /// <summary>Reads a JSON body sent with one of the registry's content types (or none).</summary>
    public static async Task<T?> ReadBodyAsync<T>(HttpContext context, JsonTypeInfo<T> type)
    {
        var contentType = context.Request.ContentType?.Split(';')[0].Trim();
        if (!string.IsNullOrEmpty(contentType) && !AcceptedBodyTypes.Contains(contentType, StringComparer.OrdinalIgnoreCase))
            throw new RegistryRequestException(StatusCodes.Status415UnsupportedMediaType, 415, $"Unsupported content type '{contentType}'; send {RestJson.MediaType}.");
        try
        {
            return await JsonSerializer.DeserializeAsync(context.Request.Body, type, context.RequestAborted);
        }
        catch (JsonException e)
        {
            throw new RegistryRequestException(StatusCodes.Status400BadRequest, 400, $"Unreadable request body: {e.Message}");
        }
    }

    /// <summary>Reads a register/lookup/compatibility body; only self-contained Avro schemas are accepted.</summary>
    public static async Task<(string Schema, SchemaMetadata? Metadata)> ReadSchemaAsync(HttpContext context)
    {
        var request = await ReadBodyAsync(context, RestJson.Wire.SchemaRequest);
        if (request?.SchemaType is { } type && !string.Equals(type, "AVRO", StringComparison.OrdinalIgnoreCase))
            throw RegistryRequestException.InvalidSchema($"schema type '{type}' is not supported; this registry stores AVRO schemas only.");
        if (request?.References is { Count: > 0 })
            throw RegistryRequestException.InvalidSchema("schema references are not supported; register a self-contained schema.");
        if (string.IsNullOrWhiteSpace(request?.Schema))
            throw RegistryRequestException.InvalidSchema("the request has no 'schema'.");
        if (request.RuleSet is { ValueKind: not JsonValueKind.Null })
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger<EmbeddedSchemaRegistry>().LogWarning(
                "Dropped the rule set sent to {Path}: rule sets need Confluent Enterprise, as in Confluent's community registry",
                context.Request.Path);
        return (request.Schema, request.Metadata);
    }

    /// <summary>Parses a version path segment: a number from 1, or <c>latest</c>/<c>-1</c> (returned as null).</summary>
    public static int? ParseVersion(string text)
    {
        if (text is "latest" or "-1") return null;
        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version) && version >= 1
            ? version
            : throw RegistryRequestException.InvalidVersion(text);
    }

    public static bool Flag(HttpContext context, string name) =>
        context.Request.Query.TryGetValue(name, out var value) && string.Equals(value.ToString(), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Turns every failure into a Confluent error body; internals are logged, never sent.</summary>
    public static async Task HandleErrorsAsync(HttpContext context, RequestDelegate next, ILogger logger)
    {
        try
        {
            await next(context);
        }
        catch (RegistryRequestException e) when (!context.Response.HasStarted)
        {
            await WriteErrorAsync(context, e.Status, e.ErrorCode, e.Message);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            logger.LogError(e, "Schema registry request {Method} {Path} failed", context.Request.Method, context.Request.Path);
            await WriteErrorAsync(context, StatusCodes.Status500InternalServerError, SchemaRegistryErrorCodes.StoreError,
                "Internal error in the schema registry; see its log.");
        }
    }

    /// <summary>Bodies for responses no endpoint wrote (unknown path, wrong method): <c>{"error_code": 404, ...}</c>.</summary>
    public static Task WriteStatusBodyAsync(HttpContext context)
    {
        var status = context.Response.StatusCode;
        return WriteErrorAsync(context, status, status, $"HTTP {status} {ReasonPhrases.GetReasonPhrase(status)}");
    }
}
