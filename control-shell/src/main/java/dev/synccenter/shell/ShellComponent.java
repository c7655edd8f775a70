package dev.synccenter.shell;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
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
 * {@link Function} per command, each with {@code osgi.command.scope=sync} and
 * {@code osgi.command.function=<name>}, while it is active, and unregisters them when it
 * deactivates.
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
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put(CommandProcessor.COMMAND_SCOPE, SCOPE);
            properties.put(CommandProcessor.COMMAND_FUNCTION, new String[] {name});
            registrations.add(context.registerService(Function.class, new Command(name, commands), properties));
        }
        registrations.add(context.registerService(SyncCommands.class, commands, null));
        LOG.debug("Registered {} sync: commands", commands.names().size());
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

    /** One {@code sync:} command as Gogo sees it. */
    private static final class Command implements Function {
        private final String name;
        private final SyncCommands commands;

        Command(String name, SyncCommands commands) {
            this.name = name;
            this.commands = commands;
        }

        @Override
        public Object execute(CommandSession session, List<Object> arguments) throws Exception {
            List<String> args = new ArrayList<>(arguments.size());
            for (Object argument : arguments) {
                args.add(argument == null ? "" : argument.toString());
            }
            // Gogo redirects System.out per thread to the session's (or the pipe's) output.
            commands.execute(name, args, System.out);
            return null;
        }

        @Override
        public String toString() {
            return SCOPE + ":" + name;
        }
    }
}
