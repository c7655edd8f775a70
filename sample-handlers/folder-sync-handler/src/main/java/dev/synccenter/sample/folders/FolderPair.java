package dev.synccenter.sample.folders;

import java.nio.file.Path;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One folder pair, from one factory configuration (PID {@value #FACTORY_PID}; with FileInstall, a
 * file {@code etc/dev.synccenter.sample.folders.pair-<name>.cfg}). Each pair is one item of the
 * folder-sync handler.
 */
@Component(service = FolderPair.class, configurationPid = FolderPair.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = FolderPair.Config.class, factory = true)
public final class FolderPair {

    static final String FACTORY_PID = "dev.synccenter.sample.folders.pair";

    @ObjectClassDefinition(name = "Sync Center folder pair",
            description = "A source folder mirrored into a target folder, or synced with it both ways.")
    public @interface Config {
        @AttributeDefinition(description = "The item ID: 1 to 63 characters, no control characters.")
        String id();

        @AttributeDefinition(description = "The display name; the ID when empty.")
        String name() default "";

        @AttributeDefinition(description = "The folder whose contents are copied.")
        String source();

        @AttributeDefinition(description = "The folder made equal to the source.")
        String target();

        @AttributeDefinition(description = "false: the target is a mirror of the source. true: changes go both"
                + " ways, and a file changed on both sides since the last sync is a conflict to resolve.")
        boolean twoWay() default false;
    }

    final String id;
    final String name;
    final Path source;
    final Path target;
    /** Two-way ({@link TwoWaySync}) rather than a mirror ({@link FolderMirror}). */
    final boolean twoWay;

    @Activate
    public FolderPair(Config config) {
        this(config.id(), config.name(), Path.of(config.source()), Path.of(config.target()), config.twoWay());
    }

    FolderPair(String id, String name, Path source, Path target) {
        this(id, name, source, target, false);
    }

    FolderPair(String id, String name, Path source, Path target, boolean twoWay) {
        this.id = id;
        this.twoWay = twoWay;
        this.name = name == null || name.isBlank() ? id : name;
        this.source = source.toAbsolutePath().normalize();
        this.target = target.toAbsolutePath().normalize();
    }

    @Override
    public String toString() {
        return id + " (" + source + (twoWay ? " <-> " : " -> ") + target + ")";
    }
}
