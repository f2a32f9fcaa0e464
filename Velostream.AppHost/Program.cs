using Velostream.AppHost.Hosting.Engine;
using Velostream.AppHost.Hosting.Grafana;
using Velostream.AppHost.Hosting.Prometheus;
using Velostream.AppHost.Hosting.Tempo;

var builder = DistributedApplication.CreateBuilder(args);

// Messaging. Kafka UI runs only locally: it is left out of the published model.
var kafka = builder.AddKafka("kafka")
    .WithKafkaUI();

// Observability: spans → Tempo → (metrics-generator, remote write) → Prometheus ← engine metrics (OTLP);
// Grafana reads both. Only Grafana is reachable from outside.
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

// The trading demo: trading-feed → market_data… → velostream-engine (apps/trading.sql) → price_alerts… → alert-monitor.
var engineApiKey = builder.AddParameter(
    "velostream-api-key", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);

builder.AddEngineRole("trading-feed", "feed")
    .WithReference(kafka)
    .WaitFor(kafka)
    .WithVelostreamTelemetry(tempo, prometheus);

var engine = builder.AddEngineRole("velostream-engine", "serve", "apps/trading.sql")
    .WithHttpEndpoint()
    .WithEnvironment(EngineRoleExtensions.ApiKeyVariable, engineApiKey)
    .WithReference(kafka)
    .WaitFor(kafka)
    .WithVelostreamTelemetry(tempo, prometheus);

builder.AddEngineRole("alert-monitor", "tail", "price_alerts", "volume_spikes", "arbitrage_opportunities")
    .WithReference(kafka)
    .WaitFor(kafka)
    .WaitFor(engine)
    .WithVelostreamTelemetry(tempo, prometheus);

builder.Build().Run();
