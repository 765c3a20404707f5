using System.Net;

namespace OrderStreams.SchemaRegistry.Client;

/// <summary>
/// A schema registry request that failed: the registry's answer (HTTP status, Confluent <see cref="ErrorCode"/>
/// such as 40401 or 409, and its message), or a transport failure after the retries (no status, with the inner exception).
/// </summary>
public sealed class SchemaRegistryException : Exception
{
    public SchemaRegistryException(string request, HttpStatusCode? statusCode, int? errorCode, string message, string? subject = null, Exception? inner = null)
        : base(Describe(request, statusCode, errorCode, message, subject), inner)
    {
        Request = request;
        StatusCode = statusCode;
        ErrorCode = errorCode;
        RegistryMessage = message;
        Subject = subject;
    }

    /// <summary>Method and path, for example <c>POST /subjects/payments-value/versions</c>.</summary>
    public string Request { get; }

    /// <summary>The HTTP status, or null when no response arrived.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The Confluent error code from the body (40401, 40402, 40403, 409, 42201, ...), or null when the body had none.</summary>
    public int? ErrorCode { get; }

    /// <summary>The registry's own message (or the transport error's).</summary>
    public string RegistryMessage { get; }

    public string? Subject { get; }

    private static string Describe(string request, HttpStatusCode? status, int? errorCode, string message, string? subject)
    {
        var code = (status, errorCode) switch
        {
            (null, _) => "no response",
            (_, null) => $"HTTP {(int)status}",
            _ => $"HTTP {(int)status}, error {errorCode}",
        };
        return $"Schema registry {request}{(subject is null ? "" : $" (subject '{subject}')")} failed ({code}): {message}";
    }
}
