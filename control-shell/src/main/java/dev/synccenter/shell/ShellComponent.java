package dev.synccenter.shell;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.Function;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.synccenter.control.SyncControl;
import dev.synccenter.control.audit.AuditTrail;
import dev.synccenter.control.security.CredentialAdmin;

/**
 * Provides the {@code sync:} commands while the control service is there: as Gogo commands (scope
 * {@value #SCOPE}) for the console, and as a {@link SyncCommands} service, private to this bundle,
 * for the command endpoint, so that both run the same commands (and share the load tool's state).
 *
 * <p>Gogo calls a command service either by reflection, looking for a public method named like the
 * command, or through {@link Function} when the service implements it. Reflection cannot serve
 * this command set: no Java method can be called {@code start-handler}, and a command named
 * {@code wait} would reach {@code Object.wait}. So the component registers one small
 * {@link Function} per command ({@link ConsoleCommand}), each with {@code osgi.command.scope=sync}
 * and {@code osgi.command.function=<name>}, while it is active, and unregisters them when it
 * deactivates. Gogo's reflective {@code help} finds no described method on them, so {@code
 * sync:help} describes the commands from {@link SyncCommands}' own table (the distribution's
 * etc/gosh_profile makes the console's {@code help} that one), and a hidden function serves the
 * console's Tab completion ({@link CandidatesFunction}; {@link CompletionInstaller} declares it).
 */
@Component(immediate = true, service = {})
public final class ShellComponent {

    static final String SCOPE = "sync";
    private static final Logger LOG = LoggerFactory.getLogger(ShellComponent.class);

    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    /**
     * The credential commands' service, while control-security runs; the other commands do not
     * need it, so it is optional and followed as it comes and goes.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile CredentialAdmin credentials;

    /** The audit trail, for sync:audit; optional for the same reason. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile AuditTrail auditTrail;

    @Activate
    public ShellComponent(BundleContext context, @Reference SyncControl control, @Reference ResultAudit audit) {
        SyncCommands commands = new SyncCommands(control, audit::delivered, Duration.ofMillis(100),
                () -> credentials, () -> auditTrail);
        for (String name : commands.names()) {
            register(context, name, new ConsoleCommand(name, commands));
        }
        register(context, CandidatesFunction.NAME, new CandidatesFunction(new Completions(commands, control)));
        registrations.add(context.registerService(SyncCommands.class, commands, null));
        LOG.debug("Registered {} sync: commands", commands.names().size());
    }

    private void register(BundleContext context, String name, Function function) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(CommandProcessor.COMMAND_SCOPE, SCOPE);
        properties.put(CommandProcessor.COMMAND_FUNCTION, new String[] {name});
        registrations.add(context.registerService(Function.class, function, properties));
    }

    @Deactivate
    void deactivate() {
        for (ServiceRegistration<?> registration : registrations) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework unregistered it while the bundle stopped
            }
        }
        registrations.clear();
    }
}
