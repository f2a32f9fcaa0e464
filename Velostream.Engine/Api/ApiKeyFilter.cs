using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Velostream.Engine.Api;

/// <summary>
/// Guards the job endpoints, reading ones included: when <c>Velostream:ApiKey</c> is configured,
/// requests must send it in the <c>X-Api-Key</c> header (401 otherwise). Without a configured key
/// the API is open, and <c>serve</c> then listens on loopback only unless told otherwise.
/// </summary>
internal sealed class ApiKeyFilter(IConfiguration configuration) : IEndpointFilter
{
    public const string HeaderName = "X-Api-Key";
    public const string ConfigurationKey = "Velostream:ApiKey";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var expected = configuration[ConfigurationKey];
        if (string.IsNullOrEmpty(expected))
        {
            return next(context);
        }
        var given = context.HttpContext.Request.Headers[HeaderName].ToString();
        // Constant-time comparison so response timing does not reveal how much of a guess was right.
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected)))
        {
            return ValueTask.FromResult<object?>(Results.Problem(
                statusCode: StatusCodes.Status401Unauthorized, title: $"missing or wrong {HeaderName} header"));
        }
        return next(context);
    }
}
