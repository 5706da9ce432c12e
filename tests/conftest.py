"""Settings shared by every test."""

from hypothesis import HealthCheck, settings

# Examples are judged by the properties they check, not by how fast this 2-core machine
# draws them: under a loaded machine a slow draw is not a failure of the code under test.
settings.register_profile("jixiao", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("jixiao")
