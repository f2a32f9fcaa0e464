using System.Net.Sockets;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Velostream.AppHost.Hosting.Kafka;

/// <summary>
/// Kafka for the embedded profile: the engine's in-memory broker (librdkafka's mock cluster, real Kafka
/// protocol) run as a process of its own by the engine's <c>broker</c> verb.
/// </summary>
public static class EmbeddedKafkaExtensions
{
    /// <summary>The broker's endpoint name.</summary>
    public const string EndpointName = "tcp";

    /// <summary>
    /// Adds the embedded broker as the project resource <c>&lt;name&gt;-broker</c> and a connection string
    /// resource <paramref name="name"/> that points at it, so that <c>WithReference(kafka)</c> and
    /// <c>WaitFor(kafka)</c> read exactly as they do with a Kafka container.
    /// </summary>
    /// <remarks>
    /// The broker creates the topics of <paramref name="applications"/> at start (the mock cluster has no
    /// CreateTopics API) and is healthy once its port accepts connections. Data lives in memory only: a
    /// restart of the broker starts from empty topics.
    /// <example>
    /// <code language="csharp">
    /// var kafka = builder.AddEmbeddedKafka("kafka", "apps/trading.sql");
    /// </code>
    /// </example>
    /// </remarks>
    /// <param name="builder">The <see cref="IDistributedApplicationBuilder"/>.</param>
    /// <param name="name">The connection string's name (<c>ConnectionStrings__&lt;name&gt;</c>).</param>
    /// <param name="applications">SQL applications (relative to the engine's folder) whose topics to create.</param>
    /// <returns>The connection string resource.</returns>
    public static IResourceBuilder<IResourceWithConnectionString> AddEmbeddedKafka(
        this IDistributedApplicationBuilder builder,
        [ResourceName] string name,
        params string[] applications)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);

        var healthCheck = $"{name}-broker-accepts";
        var broker = builder.AddProject<Projects.Velostream_Engine>($"{name}-broker", launchProfileName: null)
            .WithArgs(["broker", .. applications])
            // The port clients bootstrap through; the broker relays it to the mock brokers' own ports.
            .WithEndpoint(name: EndpointName, scheme: "tcp", env: "VELOSTREAM_BROKER_PORT")
            .WithHealthCheck(healthCheck)
            .WithIconName("DatabaseStack");
        var endpoint = broker.GetEndpoint(EndpointName);
        builder.Services.AddHealthChecks().AddAsyncCheck(healthCheck, async cancellationToken =>
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(endpoint.Host, endpoint.Port, cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (SocketException e)
            {
                return HealthCheckResult.Unhealthy($"broker not accepting connections: {e.Message}");
            }
        });

        return builder.AddConnectionString(name, ReferenceExpression.Create($"{endpoint.Property(EndpointProperty.HostAndPort)}"))
            .WaitFor(broker);
    }
}
