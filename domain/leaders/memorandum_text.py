# ruff: noqa: E501  (the memorandum is prose: one paragraph per line)
"""The first version of each region's memorandum of understanding, written from seed 000's
"Principles of association". A region publishes its own versions from the register's pages."""

TITLE = "Memorandum of understanding: association of a system leader with an alliance, hub or grouping"

BODY = """This memorandum records the association between a system leader and the teaching school alliance, teaching school hub or strategic grouping of alliances named on it. Both sides accept it in the school-to-school support service.

1. Association is an agreement that the alliance, hub or grouping will broker the leader's deployments exclusively. It does not repeat or replace designation.

2. The leader is associated with one alliance, hub or grouping at a time, so that every deployment is reported once.

3. The leader chooses whom to associate with. Either side may propose the association, and either side may end it by giving the reason.

4. While the association lasts, the leader's school is a member of the alliance.

5. The alliance, hub or grouping will seek and receive commissions for the leader, and will broker, contract, process payment for, support and quality-assure each deployment, within its area and beyond it.

6. The alliance, hub or grouping will offer the leader induction, training and professional development. The leader will take part in induction and training, and will keep their pen portrait and availability up to date.

7. The leader's pen portrait is published in the school-to-school support directory after the alliance, hub or grouping has approved it. Schools contact local and specialist leaders of education through the alliance, hub or grouping, not directly.
"""
