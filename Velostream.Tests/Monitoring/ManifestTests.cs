using System.Text.Json;
using System.Text.RegularExpressions;
using Velostream.ServiceDefaults;

namespace Velostream.Tests.Monitoring;

/// <summary>
/// The published model (aspire-manifest.json, the AppHost's <c>--publisher manifest</c> output) is what azd
/// deploys: pinned images, the engine wired to Kafka, Tempo and Prometheus, secrets as parameters, no bind
/// mounts, and only Grafana reachable from outside.
/// </summary>
public sealed partial class ManifestTests
{
    private static readonly string[] EngineRoles = ["trading-feed", "velostream-engine", "alert-monitor"];

    [Fact]
    public void Manifest_holds_every_resource_with_its_type()
    {
        var resources = Resources();

        Assert.Equal(
            [
                ("alert-monitor", "project.v0"), ("grafana", "container.v1"), ("grafana-admin-password", "parameter.v0"),
                ("kafka", "container.v0"), ("prometheus", "container.v1"), ("tempo", "container.v1"),
                ("trading-feed", "project.v0"), ("velostream-api-key", "parameter.v0"), ("velostream-engine", "project.v0"),
            ],
            resources.Select(r => (r.Key, r.Value.GetProperty("type").GetString()!)).OrderBy(r => r.Key, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("tempo", "TEMPO_IMAGE", "docker.io/grafana/tempo:2.9.5")]
    [InlineData("prometheus", "PROMETHEUS_IMAGE", "docker.io/prom/prometheus:v2.55.1")]
    [InlineData("grafana", "GRAFANA_IMAGE", "docker.io/grafana/grafana:12.1.1")]
    public void Monitoring_images_are_built_from_their_Dockerfile_on_a_pinned_base_image(string resource, string argument, string image)
    {
        var build = Resources()[resource].GetProperty("build");
        var dockerfile = Path.Combine(MonitoringFiles.RepositoryRoot, build.GetProperty("dockerfile").GetString()!);

        Assert.Equal($"Velostream.AppHost/monitoring/{resource}", build.GetProperty("context").GetString());
        Assert.Equal(image, build.GetProperty("args").GetProperty(argument).GetString());
        // The Dockerfile's own default names the same image, so a plain `docker build` matches the model.
        Assert.Contains($"ARG {argument}={image}", File.ReadAllLines(dockerfile));
    }

    [Fact]
    public void Kafka_image_is_pinned()
    {
        Assert.Equal("docker.io/confluentinc/confluent-local:8.2.0", Resources()["kafka"].GetProperty("image").GetString());
    }

    [Fact]
    public void No_image_is_latest_and_nothing_is_bind_mounted()
    {
        var text = File.ReadAllText(MonitoringFiles.Manifest);

        Assert.DoesNotContain("bindMounts", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(LatestTag(), text);
    }

    [Theory]
    [InlineData("trading-feed", "feed")]
    [InlineData("velostream-engine", "serve apps/trading.sql")]
    [InlineData("alert-monitor", "tail price_alerts volume_spikes arbitrage_opportunities")]
    public void Each_engine_role_runs_its_verb_against_Kafka_and_exports_to_Tempo_and_Prometheus(string role, string arguments)
    {
        var resource = Resources()[role];
        var env = resource.GetProperty("env");

        Assert.Equal("Velostream.Engine/Velostream.Engine.csproj", resource.GetProperty("path").GetString());
        Assert.Equal(arguments, string.Join(' ', resource.GetProperty("args").EnumerateArray().Select(a => a.GetString())));
        Assert.Equal("{kafka.connectionString}", env.GetProperty("ConnectionStrings__kafka").GetString());
        Assert.Equal(role, env.GetProperty(AsVariable(TelemetryConfigurationKeys.ServiceName)).GetString());
        // The variables are the engine's own configuration keys, so the wiring cannot drift from what it reads.
        Assert.Equal("{tempo.bindings.otlp-grpc.url}", env.GetProperty(AsVariable(TelemetryConfigurationKeys.TempoEndpoint)).GetString());
        Assert.Equal("{prometheus.bindings.http.url}/api/v1/otlp", env.GetProperty(AsVariable(TelemetryConfigurationKeys.PrometheusEndpoint)).GetString());
    }

    [Fact]
    public void Tempo_writes_to_Prometheus_and_Grafana_reads_both_by_endpoint_reference()
    {
        var resources = Resources();

        Assert.Equal("{prometheus.bindings.http.url}/api/v1/write", resources["tempo"].GetProperty("env").GetProperty("PROMETHEUS_REMOTE_WRITE_URL").GetString());
        Assert.Equal("{prometheus.bindings.http.url}", resources["grafana"].GetProperty("env").GetProperty("PROMETHEUS_URL").GetString());
        Assert.Equal("{tempo.bindings.http.url}", resources["grafana"].GetProperty("env").GetProperty("TEMPO_URL").GetString());
        Assert.Equal(
            ["--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus", "--web.enable-remote-write-receiver", "--enable-feature=exemplar-storage,otlp-write-receiver"],
            resources["prometheus"].GetProperty("args").EnumerateArray().Select(a => a.GetString()!));
    }

    [Theory]
    [InlineData("grafana-admin-password", "grafana", "GF_SECURITY_ADMIN_PASSWORD")]
    [InlineData("velostream-api-key", "velostream-engine", "Velostream__ApiKey")]
    public void Secrets_are_secret_parameters_passed_by_reference(string parameter, string consumer, string variable)
    {
        var resources = Resources();
        var input = resources[parameter].GetProperty("inputs").GetProperty("value");

        Assert.True(input.GetProperty("secret").GetBoolean());
        Assert.True(input.GetProperty("default").TryGetProperty("generate", out _));
        Assert.Equal($"{{{parameter}.value}}", resources[consumer].GetProperty("env").GetProperty(variable).GetString());
    }

    [Fact]
    public void Only_Grafana_is_reachable_from_outside_and_anonymous_viewing_is_not_published()
    {
        var resources = Resources();
        var external = resources
            .Where(r => r.Value.TryGetProperty("bindings", out var bindings)
                && bindings.EnumerateObject().Any(b => b.Value.TryGetProperty("external", out var e) && e.GetBoolean()))
            .Select(r => r.Key);

        Assert.Equal(["grafana"], external);
        Assert.False(resources["grafana"].GetProperty("env").TryGetProperty("GF_AUTH_ANONYMOUS_ENABLED", out _));
    }

    private static string AsVariable(string configurationKey) => configurationKey.Replace(":", "__", StringComparison.Ordinal);

    private static Dictionary<string, JsonElement> Resources()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(MonitoringFiles.Manifest));
        return document.RootElement.GetProperty("resources").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
    }

    [GeneratedRegex(@":latest\b")]
    private static partial Regex LatestTag();
}
