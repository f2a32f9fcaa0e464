using System.Net;
using Microsoft.Extensions.Configuration;

namespace Velostream.Engine.Api;

/// <summary>
/// Where <c>serve</c> listens. With an API key it listens where it is told (<c>--urls</c>,
/// <c>ASPNETCORE_URLS</c>, <c>ASPNETCORE_HTTP_PORTS</c>: Aspire and container images set these). Without
/// one the API is open, so it listens on loopback only, whatever those say, unless
/// <c>Velostream:AllowAnonymousNetworkAccess</c> is <c>true</c>.
/// </summary>
internal static class ListenAddresses
{
    public const string AllowAnonymousKey = "Velostream:AllowAnonymousNetworkAccess";

    /// <summary>
    /// The URLs to listen on instead of the configured ones and the line that says why, or null
    /// when the configuration stands as it is.
    /// </summary>
    public static (string[] Urls, string Notice)? Confine(IConfiguration configuration)
    {
        if (!string.IsNullOrEmpty(configuration[ApiKeyFilter.ConfigurationKey]))
        {
            return null;
        }
        if (string.Equals(configuration[AllowAnonymousKey], "true", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var configured = (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (configured.Count == 0)
        {
            configured = [.. (configuration["http_ports"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(port => $"http://*:{port}")];
        }
        if (configured.Count == 0)
        {
            configured = ["http://localhost:5000"];
        }
        var confined = configured.Select(ToLoopback).Distinct().ToArray();
        return (confined,
            $"no {ApiKeyFilter.ConfigurationKey} is set, so the job API is open: listening on loopback only ({string.Join(", ", confined)}). "
            + $"Set {ApiKeyFilter.ConfigurationKey}, or {AllowAnonymousKey}=true to listen on the network without a key.");
    }

    private static string ToLoopback(string url)
    {
        // Kestrel's wildcard forms (http://*:80, http://+:80) are not valid URIs; only the host is replaced.
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
        {
            return url;
        }
        var hostStart = schemeEnd + 3;
        var rest = url[hostStart..];
        string host;
        string tail;
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            host = close < 0 ? rest : rest[..(close + 1)];
            tail = close < 0 ? "" : rest[(close + 1)..];
        }
        else
        {
            var end = rest.IndexOfAny([':', '/']);
            host = end < 0 ? rest : rest[..end];
            tail = end < 0 ? "" : rest[end..];
        }
        return IsLoopback(host) ? url : url[..hostStart] + "127.0.0.1" + tail;
    }

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
