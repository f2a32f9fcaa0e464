using Aspire.Hosting.ApplicationModel;
using Velostream.AppHost.Hosting.Prometheus;
using Velostream.AppHost.Hosting.Tempo;

namespace Velostream.AppHost.Hosting;

/// <summary>The monitoring resources the engine roles export to, besides the Aspire dashboard (Docker profile).</summary>
/// <param name="Tempo">Receives spans over OTLP/gRPC and turns them into span and service-graph metrics.</param>
/// <param name="Prometheus">Receives the roles' metrics over OTLP/HTTP and Tempo's generated series.</param>
public sealed record Monitoring(IResourceBuilder<TempoResource> Tempo, IResourceBuilder<PrometheusResource> Prometheus);
