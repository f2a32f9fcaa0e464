using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Velostream.Engine.Connectors.Kafka;

namespace Velostream.Engine.Api;

/// <summary>Healthy when the Kafka cluster answers a metadata request within a few seconds.</summary>
internal sealed class KafkaHealthCheck(IConfiguration configuration) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var bootstrap = KafkaConnection.BootstrapServers(configuration);
        if (bootstrap is null)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("no Kafka connection string configured"));
        }
        return Task.Run(() =>
        {
            KafkaNativeLibrary.EnsureLoaded();
            try
            {
                // Its connection errors are the probe's result; printed at all, then only as repeats counted.
                using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap, SocketTimeoutMs = 3000 })
                    .SetLogHandler((_, message) => KafkaClientLog.Default.Log(message))
                    .SetErrorHandler((client, error) => KafkaClientLog.Default.Error(client.Name, error))
                    .Build();
                var metadata = admin.GetMetadata(TimeSpan.FromSeconds(3));
                return HealthCheckResult.Healthy($"{metadata.Brokers.Count} broker(s) at {bootstrap}");
            }
            catch (KafkaException e)
            {
                return HealthCheckResult.Unhealthy($"Kafka at {bootstrap} did not answer: {e.Error.Reason}");
            }
        }, cancellationToken);
    }
}
