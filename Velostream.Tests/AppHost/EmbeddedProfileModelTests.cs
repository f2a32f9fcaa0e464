using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.Configuration;
using Velostream.AppHost.Hosting;

namespace Velostream.Tests.AppHost;

/// <summary>
/// How the AppHost chooses its profile, and the embedded profile's model: no container anywhere, the
/// engine's broker as a process, the roles wired to it exactly as they are to a Kafka container.
/// </summary>
public sealed class EmbeddedProfileModelTests
{
    private static readonly string[] Roles = ["trading-feed", "velostream-engine", "alert-monitor"];

    [Fact]
    public async Task Embedded_profile_has_no_container_and_runs_the_broker_as_an_engine_process()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Velostream_AppHost>(
            ["--profile", "embedded"], TestContext.Current.CancellationToken);

        Assert.Empty(builder.Resources.OfType<ContainerResource>());
        var broker = Assert.Single(builder.Resources.OfType<ProjectResource>(), p => p.Name == "kafka-broker");
        var args = await ArgumentsOf(broker, builder);
        Assert.Equal(["broker", "apps/trading.sql"], args);
        Assert.True(broker.TryGetAnnotationsOfType<HealthCheckAnnotation>(out var checks), "the broker has no health check");
        Assert.Single(checks);
        Assert.Equal(
            ["alert-monitor", "kafka-broker", "trading-feed", "velostream-engine"],
            builder.Resources.OfType<ProjectResource>().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Roles_reference_and_wait_for_the_kafka_connection_string_which_waits_for_the_broker()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Velostream_AppHost>(
            ["--profile", "embedded"], TestContext.Current.CancellationToken);

        var kafka = Assert.Single(builder.Resources.OfType<ConnectionStringResource>(), r => r.Name == "kafka");
        Assert.True(kafka.TryGetAnnotationsOfType<WaitAnnotation>(out var kafkaWaits));
        Assert.Contains(kafkaWaits, w => w.Resource.Name == "kafka-broker" && w.WaitType == WaitType.WaitUntilHealthy);
        foreach (var role in Roles)
        {
            var project = Assert.Single(builder.Resources.OfType<ProjectResource>(), p => p.Name == role);
            Assert.True(project.TryGetAnnotationsOfType<WaitAnnotation>(out var waits), $"{role} waits for nothing");
            Assert.Contains(waits, w => w.Resource.Name == "kafka");
            Assert.DoesNotContain(waits, w => w.Resource.Name is "tempo" or "prometheus");
            Assert.True(project.TryGetAnnotationsOfType<ResourceRelationshipAnnotation>(out var relationships), $"{role} references nothing");
            Assert.Contains(relationships, r => r.Resource.Name == "kafka");
        }
    }

    [Fact]
    public async Task The_job_server_runs_as_many_replicas_as_configured_and_one_by_default()
    {
        var scaled = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Velostream_AppHost>(
            ["--profile", "embedded", "--Velostream:Engine:Replicas=3"], TestContext.Current.CancellationToken);
        var single = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Velostream_AppHost>(
            ["--profile", "embedded"], TestContext.Current.CancellationToken);

        static IEnumerable<int> Replicas(IDistributedApplicationTestingBuilder builder, string role) =>
            builder.Resources.OfType<ProjectResource>().Single(p => p.Name == role).Annotations.OfType<ReplicaAnnotation>().Select(a => a.Replicas);

        Assert.Equal([3], Replicas(scaled, "velostream-engine"));
        Assert.Empty(Replicas(scaled, "trading-feed"));
        Assert.Empty(Replicas(scaled, "alert-monitor"));
        Assert.Empty(Replicas(single, "velostream-engine"));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("three")]
    public async Task A_replica_count_that_is_not_a_whole_number_from_1_to_64_is_refused_naming_the_key(string value)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => DistributedApplicationTestingBuilder.CreateAsync<Projects.Velostream_AppHost>(
            ["--profile", "embedded", $"--Velostream:Engine:Replicas={value}"], TestContext.Current.CancellationToken));

        Assert.Contains($"Velostream:Engine:Replicas must be a whole number from 1 to 64, got '{value}'", error.ToString());
    }

    [Fact]
    public async Task A_sampling_ratio_given_to_the_AppHost_reaches_every_role_and_none_is_set_otherwise()
    {
        var sampled = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Velostream_AppHost>(
            ["--profile", "embedded", "--Velostream:Telemetry:SamplingRatio=0.1"], TestContext.Current.CancellationToken);
        var unsampled = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Velostream_AppHost>(
            ["--profile", "embedded"], TestContext.Current.CancellationToken);

        foreach (var role in Roles)
        {
            var withRatio = await EnvironmentOf(Assert.Single(sampled.Resources.OfType<ProjectResource>(), p => p.Name == role), sampled);
            var without = await EnvironmentOf(Assert.Single(unsampled.Resources.OfType<ProjectResource>(), p => p.Name == role), unsampled);
            Assert.Equal("0.1", withRatio["Velostream__Telemetry__SamplingRatio"]);
            Assert.False(without.ContainsKey("Velostream__Telemetry__SamplingRatio"), $"{role} has a sampling ratio nobody asked for");
        }
    }

    [Fact]
    public async Task An_unknown_profile_is_refused_with_the_two_that_exist()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
            await DistributedApplicationTestingBuilder.CreateAsync<Projects.Velostream_AppHost>(
                ["--profile", "kubernetes"], TestContext.Current.CancellationToken));

        Assert.Contains("unknown profile 'kubernetes': use --profile docker or --profile embedded", Flatten(error));
    }

    [Fact]
    public async Task Publishing_never_uses_the_embedded_profile()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
            await DistributedApplicationTestingBuilder.CreateAsync<Projects.Velostream_AppHost>(
                ["--operation", "publish", "--profile", "embedded"], TestContext.Current.CancellationToken));

        Assert.Contains("--profile embedded runs on this machine only", Flatten(error));
    }

    [Fact]
    public void Without_a_profile_the_container_runtime_probe_decides_and_the_reason_says_so()
    {
        var builder = DistributedApplication.CreateBuilder([]);

        var withoutRuntime = AppHostProfile.Choose(builder, () => null);
        var withRuntime = AppHostProfile.Choose(builder, () => "docker");

        if (Velostream.AppHost.Hosting.Kafka.KafkaContainerExtensions.Available)
        {
            Assert.Equal(AppHostProfile.Embedded, withoutRuntime.Name);
            Assert.Equal("no container runtime answers (docker info, podman info); --profile docker to insist", withoutRuntime.Reason);
            Assert.Equal(AppHostProfile.Docker, withRuntime.Name);
            Assert.Equal("the container runtime answers (docker)", withRuntime.Reason);
        }
        else
        {
            // A build without Aspire.Hosting.Kafka has the embedded profile only, whatever answers.
            Assert.All([withoutRuntime, withRuntime], profile =>
                Assert.Equal(new AppHostProfile(AppHostProfile.Embedded, "this AppHost was built without Aspire.Hosting.Kafka"), profile));
        }
    }

    [Fact]
    public void A_docker_command_whose_daemon_is_down_does_not_count_as_a_container_runtime()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("the fake runtime is a shell script");
            return;
        }
        // A fake runtime that behaves like the docker CLI without a daemon: it exists and fails.
        using var folder = new Support.TempFolder();
        var fake = Path.Combine(folder.Path, "fake-docker");
        File.WriteAllText(fake, "#!/bin/sh\necho 'Cannot connect to the Docker daemon' >&2\nexit 1\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("ASPIRE_CONTAINER_RUNTIME", fake)])
            .Build();

        Assert.Null(AppHostProfile.ProbeContainerRuntime(configuration));

        File.WriteAllText(fake, "#!/bin/sh\necho 'Server Version: 28.2.2'\n");
        Assert.Equal(fake, AppHostProfile.ProbeContainerRuntime(configuration));
    }

    private static async Task<string[]> ArgumentsOf(IResource resource, IDistributedApplicationTestingBuilder builder)
    {
        var values = new List<object>();
        var context = new CommandLineArgsCallbackContext(values, resource, TestContext.Current.CancellationToken)
        {
            ExecutionContext = builder.ExecutionContext,
        };
        foreach (var callback in resource.Annotations.OfType<CommandLineArgsCallbackAnnotation>())
        {
            await callback.Callback(context);
        }
        return values.Select(v => v.ToString()!).ToArray();
    }

    private static async Task<Dictionary<string, object>> EnvironmentOf(IResource resource, IDistributedApplicationTestingBuilder builder)
    {
        var environment = new Dictionary<string, object>(StringComparer.Ordinal);
        var context = new EnvironmentCallbackContext(builder.ExecutionContext, resource, environment, TestContext.Current.CancellationToken);
        foreach (var callback in resource.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(context);
        }
        return environment;
    }

    private static string Flatten(Exception error) =>
        error is AggregateException aggregate ? string.Join("\n", aggregate.Flatten().InnerExceptions.Select(Flatten)) : error.ToString();
}
