using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace Velostream.AppHost.Hosting.Kafka;

/// <summary>
/// Kafka for the Docker profile, modelled by Aspire.Hosting.Kafka. This file is compiled only where that
/// package can be restored (<c>AspireHostingKafka</c>, see Directory.Build.props); the other build gets
/// <c>KafkaContainerUnavailable.cs</c> instead, with the same members.
/// </summary>
public static class KafkaContainerExtensions
{
    /// <summary>Whether this build can model Kafka as a container.</summary>
    public static bool Available => true;

    /// <summary>
    /// Adds Kafka as a container, with Kafka UI beside it in run mode (left out of the published model).
    /// </summary>
    /// <param name="builder">The <see cref="IDistributedApplicationBuilder"/>.</param>
    /// <param name="name">The resource name, which is also the connection string's name.</param>
    /// <returns>The Kafka resource, as a resource with a connection string.</returns>
    public static IResourceBuilder<IResourceWithConnectionString> AddKafkaContainer(
        this IDistributedApplicationBuilder builder,
        [ResourceName] string name) =>
        builder.AddKafka(name).WithKafkaUI();
}
