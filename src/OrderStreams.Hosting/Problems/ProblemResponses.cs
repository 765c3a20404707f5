using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace OrderStreams.Hosting.Problems;

/// <summary>How every problem+json body is finished, and the one written for an unhandled exception.</summary>
internal static class ProblemResponses
{
    public const string UnhandledMessage = "An unexpected error occurred; the service log has the details.";

    /// <summary>Adds <c>traceId</c> (to find the log lines) and drops anything that could carry exception details.</summary>
    public static void Customize(ProblemDetailsContext context)
    {
        context.ProblemDetails.Extensions.Remove("exception");
        context.ProblemDetails.Extensions["traceId"] = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
    }

    /// <summary>
    /// 500 with a fixed message: the exception itself is logged by the exception handler middleware, never sent.
    /// A bad request (malformed body or parameters) keeps its 4xx status and framework message, which names no internals.
    /// </summary>
    public static async Task WriteUnhandled(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var (status, message) = error is BadHttpRequestException bad
            ? (bad.StatusCode, bad.Message)
            : (StatusCodes.Status500InternalServerError, UnhandledMessage);
        context.Response.StatusCode = status;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Detail = message },
        });
    }
}
