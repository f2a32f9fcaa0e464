using System.Text.Json;
using System.Text.Json.Nodes;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Velostream.AppHost.Hosting.Grafana;
using Velostream.AppHost.Hosting.Prometheus;
using Velostream.AppHost.Hosting.Tempo;

namespace Velostream.Tests.AppHost;

/// <summary>
/// The Docker profile's application model as the AppHost builds it, without starting a container: publish
/// mode for what azd deploys, run mode (with <c>--profile docker</c>) for what F5 adds on top. Compiled only
/// where Aspire.Hosting.Kafka can be restored (<c>AspireHostingKafka</c>).
/// </summary>
public sealed class DockerProfileModelTests
{
    [Fact]
    public async Task Published_manifest_is_the_committed_aspire_manifest()
    {
        var output = Directory.CreateTempSubdirectory("velostream-manifest-");
        try
        {
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Velostream_AppHost>(
                ["--operation", "publish", "--publisher", "manifest", "--output-path", Path.Combine(output.FullName, "aspire-manifest.json")],
                TestContext.Current.CancellationToken);
            await using var app = await builder.BuildAsync(TestContext.Current.CancellationToken);
            await app.RunAsync(TestContext.Current.CancellationToken);

            var published = Normalize(Path.Combine(output.FullName, "aspire-manifest.json"));
            var committed = Normalize(AppHostPaths.CommittedManifest);

            Assert.True(JsonNode.DeepEquals(committed, published),
                "aspire-manifest.json is stale; regenerate it (docs/apphost.md). Published:\n" + published.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Monitoring_resources_are_typed_and_gated_by_health_checks()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Velostream_AppHost>(
            ["--operation", "publish"], TestContext.Current.CancellationToken);

        var tempo = Assert.Single(builder.Resources.OfType<TempoResource>());
        var prometheus = Assert.Single(builder.Resources.OfType<PrometheusResource>());
        var grafana = Assert.Single(builder.Resources.OfType<GrafanaResource>());

        Assert.Equal(["tempo", "prometheus", "grafana"], new[] { tempo.Name, prometheus.Name, grafana.Name });
        foreach (var resource in new IResource[] { tempo, prometheus, grafana })
        {
            Assert.True(resource.TryGetAnnotationsOfType<HealthCheckAnnotation>(out var checks), $"{resource.Name} has no health check");
            Assert.Single(checks);
            Assert.True(resource.TryGetLastAnnotation<DockerfileBuildAnnotation>(out _), $"{resource.Name} is not built from its Dockerfile");
        }
        Assert.Equal("grafana-admin-password", grafana.AdminPassword.Name);
        Assert.True(grafana.AdminPassword.Secret);
    }

    [Fact]
    public async Task Engine_roles_wait_for_Kafka_Tempo_and_Prometheus()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Velostream_AppHost>(
            ["--operation", "publish"], TestContext.Current.CancellationToken);

        foreach (var role in new[] { "trading-feed", "velostream-engine", "alert-monitor" })
        {
            var project = Assert.Single(builder.Resources.OfType<ProjectResource>(), p => p.Name == role);
            Assert.True(project.TryGetAnnotationsOfType<WaitAnnotation>(out var waits), $"{role} waits for nothing");
            Assert.Superset(
                new HashSet<string>(["kafka", "tempo", "prometheus"], StringComparer.Ordinal),
                waits.Select(w => w.Resource.Name).ToHashSet(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task Run_mode_adds_Kafka_UI_and_anonymous_Grafana_viewing()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Velostream_AppHost>(
            ["--profile", "docker"], TestContext.Current.CancellationToken);

        var grafana = Assert.Single(builder.Resources.OfType<GrafanaResource>());
        var environment = new Dictionary<string, object>(StringComparer.Ordinal);
        var context = new EnvironmentCallbackContext(builder.ExecutionContext, grafana, environment, TestContext.Current.CancellationToken);
        foreach (var callback in grafana.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(context);
        }

        Assert.Single(builder.Resources.OfType<KafkaUIContainerResource>());
        Assert.Equal("true", environment["GF_AUTH_ANONYMOUS_ENABLED"]);
        Assert.Equal("Viewer", environment["GF_AUTH_ANONYMOUS_ORG_ROLE"]);
    }

    // Manifest paths are relative to the manifest's folder: compare them as absolute paths.
    private static JsonNode Normalize(string manifestPath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
        var root = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        foreach (var (_, resource) in root["resources"]!.AsObject())
        {
            Absolutize(resource!.AsObject(), "path", folder);
            if (resource["build"] is JsonObject build)
            {
                Absolutize(build, "context", folder);
                Absolutize(build, "dockerfile", folder);
            }
        }
        return root;
    }

    private static void Absolutize(JsonObject node, string property, string folder)
    {
        if (node[property] is JsonValue value && value.TryGetValue<string>(out var path))
        {
            node[property] = Path.GetFullPath(Path.Combine(folder, path));
        }
    }
}
