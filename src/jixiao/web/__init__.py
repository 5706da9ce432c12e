"""The multi-user web application (Django): departments, sections and the finance bureau."""
