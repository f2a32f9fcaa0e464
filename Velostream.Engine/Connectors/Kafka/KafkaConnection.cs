using Microsoft.Extensions.Configuration;

namespace Velostream.Engine.Connectors.Kafka;

/// <summary>
/// Where the Kafka cluster is, by Aspire's convention: the connection string named <c>kafka</c>
/// (<c>ConnectionStrings:kafka</c> in configuration, <c>ConnectionStrings__kafka</c> in the environment)
/// holds the bootstrap servers.
/// </summary>
internal static class KafkaConnection
{
    public const string ConnectionStringName = "kafka";

    /// <summary>The configured bootstrap servers, or null when none is configured.</summary>
    public static string? BootstrapServers(IConfiguration configuration)
    {
        var value = configuration.GetConnectionString(ConnectionStringName);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary>Configuration for verbs that run without a host: environment variables only.</summary>
    public static IConfiguration FromEnvironment() => new ConfigurationBuilder().AddEnvironmentVariables().Build();
}
