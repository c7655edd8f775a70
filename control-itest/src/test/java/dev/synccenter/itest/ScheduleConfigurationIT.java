package dev.synccenter.itest;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

import dev.synccenter.control.ScheduleSnapshot;

/**
 * C44 in a real framework: each factory configuration {@code dev.synccenter.schedule} activates one
 * ScheduleConfiguration, which resolves Quartz for its cron expressions, and a configuration with a
 * bad value, or one the engine cannot take, leaves it active (logged, no schedule) rather than
 * failing its activation; the engine lists what the good ones say, and forgets a schedule whose
 * configuration is deleted.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ScheduleConfigurationIT extends ItestSupport {

    static final String FACTORY_PID = "dev.synccenter.schedule";
    static final String COMPONENT = "dev.synccenter.impl.schedule.ScheduleConfiguration";

    @Test
    public void everyScheduleConfigurationIsActiveGoodOrBadAndGoesWithItsConfiguration() throws Exception {
        control(); // the engine, and with it the ConfiguredSchedules service, is up
        assertEquals("quartz is active", Bundle.ACTIVE, bundleNamed("quartz").getState());
        org.osgi.service.cm.Configuration cron = setFactoryConfiguration(FACTORY_PID, "cron",
                Map.of("handler", "demo", "cron", "0 0 3 * * ?", "zone", "Europe/Paris"));
        setFactoryConfiguration(FACTORY_PID, "every", Map.of("handler", "demo", "every", "15m"));
        setFactoryConfiguration(FACTORY_PID, "bad", Map.of("handler", "demo", "every", "often", "cron", "never"));
        awaitActive(Set.of("cron", "every", "bad"));
        Poll.until("the engine lists the two good schedules", this::scheduleIds, Set.of("cron", "every")::equals);
        ScheduleSnapshot listed = control().schedule("cron").orElseThrow();
        assertEquals(ScheduleSnapshot.Origin.CONFIGURATION, listed.origin());
        assertEquals("0 0 3 * * ?", listed.spec().cron());
        assertEquals(java.time.ZoneId.of("Europe/Paris"), listed.spec().zone());
        assertEquals(java.time.Duration.ofMinutes(15), control().schedule("every").orElseThrow().spec().every());

        cron.delete();
        awaitActive(Set.of("every", "bad"));
        Poll.until("the engine forgets the deleted one", this::scheduleIds, Set.of("every")::equals);
    }

    private Set<String> scheduleIds() {
        return control().schedules().stream().map(s -> s.spec().id()).collect(Collectors.toSet());
    }

    /** Waits until the component's configurations are exactly these names, all of them ACTIVE. */
    private void awaitActive(Set<String> names) {
        Poll.until("ScheduleConfiguration active for " + names, this::activeNames, names::equals);
    }

    private Set<String> activeNames() {
        ServiceReference<ServiceComponentRuntime> ref = context.getServiceReference(ServiceComponentRuntime.class);
        ServiceComponentRuntime scr = context.getService(ref);
        try {
            ComponentDescriptionDTO description = scr.getComponentDescriptionDTO(bundleNamed(IMPL_BSN), COMPONENT);
            List<ComponentConfigurationDTO> configurations = List.copyOf(scr.getComponentConfigurationDTOs(description));
            return configurations.stream().map(c -> {
                String pid = String.valueOf(c.properties.get("service.pid"));
                String name = pid.substring(pid.indexOf('~') + 1);
                return c.state == ComponentConfigurationDTO.ACTIVE ? name : name + " (state " + c.state + ")";
            }).collect(Collectors.toSet());
        } finally {
            context.ungetService(ref);
        }
    }
}
