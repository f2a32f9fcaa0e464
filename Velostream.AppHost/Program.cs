using Velostream.AppHost.Hosting;
using Velostream.AppHost.Hosting.Engine;
using Velostream.AppHost.Hosting.Grafana;
using Velostream.AppHost.Hosting.Kafka;
using Velostream.AppHost.Hosting.Prometheus;
using Velostream.AppHost.Hosting.Tempo;

var builder = DistributedApplication.CreateBuilder(args);

// Docker: Kafka, Tempo, Prometheus and Grafana in containers. Embedded (no container runtime answers, or
// --profile embedded): the engine's in-memory broker as a process, telemetry to the Aspire dashboard alone.
var profile = AppHostProfile.Choose(builder, () => AppHostProfile.ProbeContainerRuntime(builder.Configuration));

// Messaging. Either way `kafka` is a connection string the roles reference.
var kafka = profile.RunsContainers
    ? builder.AddKafkaContainer("kafka")
    : builder.AddEmbeddedKafka("kafka", "apps/trading.sql");

// Observability (Docker profile): spans → Tempo → (metrics-generator, remote write) → Prometheus ← engine
// metrics (OTLP); Grafana reads both. Only Grafana is reachable from outside. Every role also exports to
// the Aspire dashboard, in both profiles.
Monitoring? monitoring = null;
if (profile.RunsContainers)
{
    var prometheus = builder.AddPrometheus("prometheus");

    var tempo = builder.AddTempo("tempo")
        .WithRemoteWriteTo(prometheus)
        .WaitFor(prometheus);

    var grafanaAdminPassword = builder.AddParameter(
        "grafana-admin-password", new GenerateParameterDefault { MinLength = 22, Special = false }, secret: true, persist: true);

    builder.AddGrafana("grafana", grafanaAdminPassword)
        .WithDataSources(prometheus, tempo)
        .WithExternalHttpEndpoints()
        .WaitFor(prometheus)
        .WaitFor(tempo);

    monitoring = new Monitoring(tempo, prometheus);
}

// The trading demo: trading-feed → market_data… → velostream-engine (apps/trading.sql) → price_alerts… → alert-monitor.
var engineApiKey = builder.AddParameter(
    "velostream-api-key", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);

builder.AddEngineRole("trading-feed", "feed")
    .WithReference(kafka)
    .WaitFor(kafka)
    .WithVelostreamTelemetry(monitoring);

var engine = builder.AddEngineRole("velostream-engine", "serve", "apps/trading.sql")
    .WithEngineReplicas()
    .WithHttpEndpoint()
    .WithEnvironment(EngineRoleExtensions.ApiKeyVariable, engineApiKey)
    .WithReference(kafka)
    .WaitFor(kafka)
    .WithVelostreamTelemetry(monitoring);

builder.AddEngineRole("alert-monitor", "tail", "price_alerts", "volume_spikes", "arbitrage_opportunities")
    .WithReference(kafka)
    .WaitFor(kafka)
    .WaitFor(engine)
    .WithVelostreamTelemetry(monitoring);

builder.Build().Run();
